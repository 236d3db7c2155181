// `npm start`: builds the two packages and the example app only when a source changed since the last start, then runs the
// app in this process. A run with nothing changed costs a walk of the sources' modification times instead of two
// full TypeScript builds (8 s warm before this script). `npm run build` stays the clean build that tests and packing use.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * The TypeScript sources and JSON configuration among `paths` (files, or directories walked without their `dist` and
 * `node_modules`): their sorted names and the newest modification time (ms) among them.
 */
function inputsOf(paths) {
  const files = [];
  let newest = 0;
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return; // an optional input that is not there
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'dist' && entry !== 'node_modules') visit(join(path, entry));
    } else if (/\.(?:ts|json)$/.test(path) || paths.includes(path)) {
      files.push(relative(root, path));
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const path of paths) visit(path);
  return { files: files.sort(), newest };
}

/** The stamp a successful build left: when it started and the inputs it had, or undefined. */
function readStamp(file) {
  try {
    return { mtime: statSync(file).mtimeMs, files: JSON.parse(readFileSync(file, 'utf8')).files };
  } catch {
    return undefined;
  }
}

/**
 * Builds `project` (incrementally: tsc keeps what it knew in `outDir/.tsbuildinfo`) unless its stamp is newer than
 * every input and lists the same inputs (a file added, removed or renamed is a change), and writes the stamp after a
 * successful build. The stamp and the build info live in the output directory, so `npm run build`, which deletes
 * `dist/`, also makes the next start build again.
 */
function buildIfChanged(name, project, outDir, inputPaths) {
  const stamp = join(outDir, '.start-stamp');
  const inputs = inputsOf(inputPaths);
  const last = readStamp(stamp);
  if (last && last.mtime > inputs.newest && JSON.stringify(last.files) === JSON.stringify(inputs.files)) return false;
  process.stdout.write(`npm start: building ${name}…\n`);
  // The stamp gets the time the build started: a source saved during the build is newer, so the next start builds it.
  const startedAt = new Date();
  const tsc = require.resolve('typescript/bin/tsc');
  const args = [tsc, '-p', project, '--incremental', '--tsBuildInfoFile', join(outDir, '.tsbuildinfo')];
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, `${JSON.stringify({ startedAt: startedAt.toISOString(), files: inputs.files })}\n`);
  utimesSync(stamp, startedAt, startedAt);
  return true;
}

const at = (...parts) => join(root, ...parts);
const packageInputs = [at('src'), at('tsconfig.json'), at('tsconfig.build.json'), at('package.json')];
buildIfChanged('the package', at('tsconfig.build.json'), at('dist'), packageInputs);
// The emulator is the workspace package worksection-emulator; the app imports it by name, which resolves to emulator/dist/.
const emulatorInputs = [at('emulator', 'src'), at('tsconfig.json'), at('emulator', 'tsconfig.build.json'), at('emulator', 'package.json')];
buildIfChanged('the emulator', at('emulator', 'tsconfig.build.json'), at('emulator', 'dist'), emulatorInputs);
// The app compiles against both packages' declarations: a package rebuilt since is a change for it too.
const appInputs = [at('example-app'), at('tsconfig.json'), at('dist', '.start-stamp'), at('emulator', 'dist', '.start-stamp')];
buildIfChanged('the example app', at('example-app', 'tsconfig.json'), at('example-app', 'dist'), appInputs);

// In this process rather than a child: one Node start less, and Ctrl-C reaches the app once, not through a relay.
require(at('example-app', 'dist', 'server.js')).main();
