// types.d.ts
import type { ClientTokens } from 'passport-worksection/client';

declare global {
  namespace Express {
    // What your verify function hands Passport (validate returns, in NestJS): req.user, serializeUser's user.
    interface User {
      accountUrl: string;
      id: string;
      name: string;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    // The signed-in user's Worksection tokens, for the account API (see Calling the API).
    worksection: ClientTokens;
  }
}
