// session.serializer.ts
import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';

// What the session keeps of the user: here all of it; with a user database, its id.
@Injectable()
export class SessionSerializer extends PassportSerializer {
  serializeUser(user: Express.User, done: (err: Error | null, user: Express.User) => void): void {
    done(null, user);
  }

  deserializeUser(user: Express.User, done: (err: Error | null, user: Express.User) => void): void {
    done(null, user);
  }
}
