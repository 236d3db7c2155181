// worksection-auth.guard.ts
import { Injectable, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';

// Starts the sign-in (a redirect to Worksection) and finishes it on the callback. Nest's AuthGuard does not keep
// the user in the session as passport.authenticate does in Express: logIn() does, after a successful callback.
@Injectable()
export class WorksectionAuthGuard extends AuthGuard('worksection') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const activated = (await super.canActivate(context)) as boolean;
    await super.logIn(context.switchToHttp().getRequest<Request>());
    return activated;
  }

  // A failed sign-in (fail({ message })) keeps the strategy's message for the login page; an error stays an error.
  override handleRequest<User>(err: unknown, user: User | false, info: { message?: unknown } | undefined): User {
    if (err instanceof Error) throw err;
    if (!user) throw new UnauthorizedException(typeof info?.message === 'string' ? info.message : undefined);
    return user;
  }
}
