/**
 * The 17 scopes Worksection accepts, in the order its documentation lists them.
 * Worksection rejects any other name, so the strategy and the emulator both check against this list.
 */
export const SCOPES = [
  'projects_read',
  'projects_write',
  'tasks_read',
  'tasks_write',
  'costs_read',
  'costs_write',
  'tags_read',
  'tags_write',
  'comments_read',
  'comments_write',
  'files_read',
  'files_write',
  'users_read',
  'users_write',
  'contacts_read',
  'contacts_write',
  'administrative',
] as const;

/** One of the {@link SCOPES} Worksection knows. */
export type Scope = (typeof SCOPES)[number];

/** Whether `name` is one of the 17 Worksection scopes (exact, case-sensitive). */
export function isScope(name: string): name is Scope {
  return (SCOPES as readonly string[]).includes(name);
}

/**
 * Splits a scope parameter the way Worksection reads it: names separated by commas and/or spaces.
 * Empty pieces are dropped, so `"a,,b "` gives `["a", "b"]`.
 */
export function splitScopes(value: string): string[] {
  return value.split(/[\s,]+/).filter((s) => s.length > 0);
}
