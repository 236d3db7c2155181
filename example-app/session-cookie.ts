/** The session cookie's name: not express-session's default, which tells everyone what runs here. */
export const SESSION_COOKIE = 'ws-example.sid';

/** The session cookie's attributes but `Secure` (`'auto'` there) and its lifetime: set and cleared with these. */
export const SESSION_COOKIE_ATTRIBUTES = { httpOnly: true, sameSite: 'lax', path: '/' } as const;
