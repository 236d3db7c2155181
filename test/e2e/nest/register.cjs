// `node -r ./test/e2e/nest/register.cjs test/e2e/nest/main.ts`: runs the README's NestJS app as a CommonJS app, the
// way a Nest 12 app runs on Node 20.19+ (Nest 12 is ESM-only; Node's require() loads it). Jest cannot do that on
// Node 20 (its module system require()s ES modules only on Node 24.9+), hence a process of its own.
// Each .ts file is compiled with this folder's tsconfig.json (decorators and their metadata on), and the package
// name resolves to this repository's sources, as Jest's moduleNameMapper does for the other tests.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const parsed = ts.getParsedCommandLineOfConfigFile(
  path.join(__dirname, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const compilerOptions = { ...parsed.options, module: ts.ModuleKind.CommonJS, inlineSourceMap: true, sourceMap: false, noEmit: false };

const sources = {
  'passport-worksection': path.resolve(__dirname, '../../../src/index.ts'),
  'passport-worksection/client': path.resolve(__dirname, '../../../src/client/index.ts'),
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, sources[request] ?? request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
