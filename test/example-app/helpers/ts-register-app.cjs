// `node -r ./test/example-app/helpers/ts-register-app.cjs example-app/server.ts`: runs the example app's server from
// its TypeScript sources, as jest's moduleNameMapper does, so a test can spawn the real process and see it exit.
const Module = require('node:module');
const path = require('node:path');
require('../../helpers/ts-register.cjs');

const SOURCES = {
  'passport-worksection': path.join(__dirname, '..', '..', '..', 'src', 'index.ts'),
  'passport-worksection/client': path.join(__dirname, '..', '..', '..', 'src', 'client', 'index.ts'),
  'worksection-emulator': path.join(__dirname, '..', '..', '..', 'emulator', 'src', 'index.ts'),
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, SOURCES[request] ?? request, ...rest);
};
