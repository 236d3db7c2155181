export { createEmulator } from './emulator';
export { DEMO_ACCOUNTS, DEMO_CLIENT, DEMO_USERS } from './demo';
export { createManualClock } from './clock';
export { SCOPE_TEXT } from './scope-text';
export * from './types';
