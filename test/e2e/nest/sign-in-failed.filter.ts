// sign-in-failed.filter.ts
import { Catch, UnauthorizedException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ACCESS_DENIED_MESSAGE } from 'passport-worksection';

// What the user can fix by signing in again (a denial, an expired or replayed callback) reaches Nest as an
// UnauthorizedException: send them to the login page, as failureRedirect does in Express, with a reason the page
// knows (a fixed word: the URL reflects nothing).
@Catch(UnauthorizedException)
export class SignInFailedFilter implements ExceptionFilter {
  catch(exception: UnauthorizedException, host: ArgumentsHost): void {
    const reason = exception.message === ACCESS_DENIED_MESSAGE ? 'denied' : 'failed';
    host.switchToHttp().getResponse<Response>().redirect(`/login?signin=${reason}`);
  }
}
