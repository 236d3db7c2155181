// TypeScript compiled for a child process, cached on disk by content: a process started from the sources (the
// emulator's CLI, the example app's server) then loads the `typescript` package and compiles a file only when that
// file, the compiler options or TypeScript's version changed since any earlier process, not in every process.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DIR = path.join(os.tmpdir(), 'worksection-emulator-ts-cache');
const VERSION = require('typescript/package.json').version;

/**
 * `source`, the contents of `filename`, compiled by `compile(source)` unless a process compiled the same before.
 * `optionsKey` names everything else the output depends on (the compiler options, as JSON).
 */
function compiledOnce(filename, source, optionsKey, compile) {
  const key = crypto.createHash('sha256').update(`${VERSION}\0${optionsKey}\0${filename}\0${source}`).digest('hex');
  const file = path.join(DIR, `${key}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const output = compile(source);
    // Written aside, then renamed: a process reading meanwhile sees the whole file or none.
    fs.mkdirSync(DIR, { recursive: true });
    const aside = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(aside, output);
    fs.renameSync(aside, file);
    return output;
  }
}

module.exports = { compiledOnce };
