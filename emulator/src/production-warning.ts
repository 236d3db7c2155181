/** The `code` of the process warning {@link warnIfProduction} emits. */
export const PRODUCTION_WARNING_CODE = 'WORKSECTION_EMULATOR_IN_PRODUCTION';

/** What the warning says: the emulator is not Worksection, and its secrets are public. */
export const PRODUCTION_WARNING_MESSAGE =
  'The Worksection emulator was started with NODE_ENV=production. It is not Worksection: its demo client secret and ' +
  'passwords are public, it keeps everything in memory and anyone who can reach it can inject faults. Never point a ' +
  'production app at it.';

let warned = false;

/**
 * Warns, once per process, when `NODE_ENV` is `production`: an emulator there is almost certainly a mistake
 * (the express-session MemoryStore warns the same way). `warn` is how: a process warning by default, which
 * Node prints on stderr; the CLI passes its own louder banner.
 */
export function warnIfProduction(warn: () => void = emitProductionWarning): void {
  if (warned || process.env.NODE_ENV !== 'production') return;
  warned = true;
  warn();
}

function emitProductionWarning(): void {
  process.emitWarning(PRODUCTION_WARNING_MESSAGE, { code: PRODUCTION_WARNING_CODE });
}
