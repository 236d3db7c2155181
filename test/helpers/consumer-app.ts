import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The version of `name` this repository's tests run with (from its node_modules): what a consumer app built by a test
 * installs beside the packed tarball, so that npm finds it in the cache `npm ci` filled.
 */
export async function installedVersion(name: string): Promise<string> {
  const file = path.join(__dirname, '..', '..', 'node_modules', name, 'package.json');
  const pkg = JSON.parse(await readFile(file, 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Makes `dir` a consumer app named `name` and installs `specs` into it (tarball paths and `name@version`s) as a user
 * would, without install scripts (the tarball's prepack build has run already) and preferring npm's cache.
 */
export async function installConsumer(dir: string, name: string, specs: readonly string[]): Promise<void> {
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, private: true }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', ...specs], { cwd: dir });
}
