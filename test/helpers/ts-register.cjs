// `node -r ./test/helpers/ts-register.cjs file.ts`: runs the TypeScript sources as they are now, for tests that need
// a child process (a CLI, an uncaught exception), instead of a dist/ that may be stale. The compiled files are cached
// by content (ts-cache.cjs): `typescript` is loaded only when a file changed.
const fs = require('node:fs');
const { compiledOnce } = require('./ts-cache.cjs');

const OPTIONS = { module: 'commonjs', target: 'es2022', esModuleInterop: true, inlineSourceMap: true };
const OPTIONS_KEY = JSON.stringify(OPTIONS);
let compilerOptions;

function compile(source, fileName) {
  const ts = require('typescript');
  compilerOptions ??= ts.convertCompilerOptionsFromJson(OPTIONS, __dirname).options;
  return ts.transpileModule(source, { compilerOptions, fileName }).outputText;
}

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  module._compile(
    compiledOnce(filename, source, OPTIONS_KEY, () => compile(source, filename)),
    filename,
  );
};
