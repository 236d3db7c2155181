// `node -r ./test/e2e/nest/register.cjs test/e2e/nest/main.ts`: runs the README's NestJS app as a CommonJS app, the
// way a Nest 12 app runs on Node 20.19+ (Nest 12 is ESM-only; Node's require() loads it). Jest cannot do that on
// Node 20 (its module system require()s ES modules only on Node 24.9+), hence a process of its own.
// Each .ts file is compiled with this folder's tsconfig.json (decorators and their metadata on), and the package
// name resolves to this repository's sources, as Jest's moduleNameMapper does for the other tests. The compiled
// files are cached by content (test/helpers/ts-cache.cjs): `typescript` is loaded only when a file changed.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { compiledOnce } = require('../../helpers/ts-cache.cjs');

const TSCONFIG = path.join(__dirname, 'tsconfig.json');
// What the output depends on besides each file: this folder's tsconfig.json, the root one it extends, and what is
// set over them below.
const OPTIONS_KEY = [TSCONFIG, path.join(__dirname, '../../../tsconfig.json')].map((file) => fs.readFileSync(file, 'utf8')).join('\0');
let compilerOptions;

function compile(source, fileName) {
  const ts = require('typescript');
  if (compilerOptions === undefined) {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      TSCONFIG,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    compilerOptions = { ...parsed.options, module: ts.ModuleKind.CommonJS, inlineSourceMap: true, sourceMap: false, noEmit: false };
  }
  return ts.transpileModule(source, { compilerOptions, fileName }).outputText;
}

const sources = {
  'passport-worksection': path.resolve(__dirname, '../../../src/index.ts'),
  'passport-worksection/client': path.resolve(__dirname, '../../../src/client/index.ts'),
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, sources[request] ?? request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  module._compile(
    compiledOnce(filename, source, OPTIONS_KEY, () => compile(source, filename)),
    filename,
  );
};
