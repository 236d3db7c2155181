// sign-in-failed.filter.ts
import { Catch, UnauthorizedException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

// What the user can fix by signing in again (a denial, an expired or replayed callback) reaches Nest as an
// UnauthorizedException: send them to the login page, as failureRedirect does in Express.
@Catch(UnauthorizedException)
export class SignInFailedFilter implements ExceptionFilter {
  catch(_exception: UnauthorizedException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().redirect('/login?signin=failed');
  }
}
