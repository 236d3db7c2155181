import Database from 'better-sqlite3';
import type { SessionUser } from '../../../example-app/session-user';
import { TokenSealer } from '../../../example-app/token-sealer';
import { TEST_SESSION_SECRET } from './example-server';

/** The signed-in users stored in a SQLite session file, their tokens opened as the app opens them. */
export function storedUsers(file: string, secret = TEST_SESSION_SECRET): SessionUser[] {
  const sealer = new TokenSealer([secret]);
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT sid, sess FROM sessions').all() as Array<{ sid: string; sess: string }>;
    return rows.flatMap((row) => {
      const user = (JSON.parse(row.sess) as { passport?: { user?: Omit<SessionUser, 'tokens'> & { tokens: string } } }).passport?.user;
      if (!user) return [];
      const tokens = sealer.open(user.tokens, row.sid);
      if (!tokens) throw new Error(`the tokens of session ${row.sid} do not open`);
      return [{ ...user, tokens }];
    });
  } finally {
    db.close();
  }
}
