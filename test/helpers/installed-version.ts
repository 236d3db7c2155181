import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The version of `name` this repository's tests run with (from its node_modules): what a consumer app built by a test
 * installs beside the packed tarball, so that npm finds it in the cache `npm ci` filled.
 */
export async function installedVersion(name: string): Promise<string> {
  const file = path.join(__dirname, '..', '..', 'node_modules', name, 'package.json');
  const pkg = JSON.parse(await readFile(file, 'utf8')) as { version: string };
  return pkg.version;
}
