export { createEmulator } from './emulator';
export { DEMO_ACCOUNTS, DEMO_CLIENT, DEMO_USERS } from './state/demo';
export { createManualClock } from './state/clock';
export { SCOPE_TEXT } from './authorize/scope-text';
export * from './types';
