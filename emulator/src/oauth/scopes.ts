/**
 * The 17 scopes Worksection accepts, in the order its documentation lists them. Source: Worksection's FAQ,
 * "Authorization code OAuth 2.0" (https://worksection.com/en/faq/api/oauth/1813.html, the `scope` row), and the
 * collection-level `scope` of the Worksection Client API Postman collection, which names the same 17.
 * The emulator's own table, written from those sources and not imported from `passport-worksection`, so that a
 * contract test can hold the two against each other.
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

/** One of the {@link SCOPES}. */
export type Scope = (typeof SCOPES)[number];

/** Whether `name` is one of the 17 scopes (exact, case-sensitive: league compares scope ids as strings). */
export function isScope(name: string): name is Scope {
  return (SCOPES as readonly string[]).includes(name);
}

/**
 * Splits a scope parameter the way Worksection reads it: names separated by commas and/or spaces (FAQ 1813:
 * "separated by a space or comma"). Empty pieces are dropped, so `"a,,b "` gives `["a", "b"]`.
 */
export function splitScopes(value: string): string[] {
  return value.split(/[\s,]+/).filter((s) => s.length > 0);
}
