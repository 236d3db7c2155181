export { SCOPES, isScope, splitScopes } from './scopes';
export type { Scope } from './scopes';
