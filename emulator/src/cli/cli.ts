#!/usr/bin/env node
import { parseCliArgs, USAGE } from './args';
import { banner, PRODUCTION_WARNING } from './banner';
import { DEMO_CLIENT } from '../directory/demo';
import { createEmulator } from '../emulator';
import { warnIfProduction } from '../production-warning';
import type { Emulator } from '../types';

async function main(): Promise<void> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`worksection-emulator: ${(err as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  // The banner instead of createEmulator's one-line process warning, which it then does not repeat.
  warnIfProduction(() => process.stderr.write(PRODUCTION_WARNING));

  // Handlers go in before anything is printed: whoever reads the banner may signal at once.
  // Shared by the signal handler and the start-up below; as properties, TypeScript does not assume `stopping`
  // is still false after the await, when a signal may have set it.
  const state: { emu?: Emulator; stopping: boolean } = { stopping: false };
  const stop = (signal: NodeJS.Signals) => {
    if (state.stopping) return;
    state.stopping = true;
    process.stdout.write(`\n${signal}: stopping the emulator\n`);
    (state.emu ? state.emu.close() : Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const clients = [DEMO_CLIENT, ...args.extraClients.filter((c) => c.clientId !== DEMO_CLIENT.clientId)];
  const emu = await createEmulator({ ...args.options, clients });
  state.emu = emu;
  if (state.stopping) {
    await emu.close();
    return;
  }
  process.stdout.write(banner(emu));
}

main().catch((err: unknown) => {
  process.stderr.write(`worksection-emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
