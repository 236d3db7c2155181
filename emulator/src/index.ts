// The emulator's one entry point (`worksection-emulator`): re-exports only, each by name, so that what the package
// offers is a list a reader can see and a test pins (test/entry.test.ts).
export { createEmulator } from './emulator';
export { DEMO_ACCOUNTS, DEMO_CLIENT, DEMO_USERS } from './directory/demo';
export { createManualClock } from './clock';
export { SCOPE_TEXT } from './authorize/scope-text';
export { EMULATOR_STATE_VERSION, type EmulatorState } from './saved-state/emulator-state';
export { parseEmulatorState } from './saved-state/parse-emulator-state';
export type { AccessRecord, CodeRecord, GrantRecords, RefreshRecord } from './grants/grant-store';
export type {
  EmulatorClient,
  EmulatorAccount,
  EmulatorUser,
  EmulatorClock,
  ManualClock,
  EmulatorEndpoint,
  FaultSchedule,
  Fault,
  EmulatorOptions,
  EmulatorGrantFilter,
  EmulatorFaults,
  EmulatorStats,
  Emulator,
} from './types';
export { AccountStores, type AccountStoresJSON } from './account-api/store/account-stores';
export { AccountStore } from './account-api/store/account-store';
export type {
  UserRecord,
  UserGroupRecord,
  ScheduleDayRecord,
  ContactRecord,
  ContactGroupRecord,
  ProjectGroupRecord,
  ProjectRecord,
  TaskRecord,
  CommentRecord,
  TagScope,
  TagGroupRecord,
  TagRecord,
  CostRecord,
  TimerRecord,
  FileRecord,
  WebhookRecord,
  CustomFieldRecord,
  EventRecord,
  AccountState,
} from './account-api/store/records';
export type { WebhookDelivery } from './webhooks/webhook-dispatcher';
