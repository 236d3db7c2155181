// pages.controller.ts
import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import type { Request } from 'express';

const SIGN_IN_MESSAGES: Record<string, string> = {
  denied: 'You chose not to allow access in Worksection, so you are not signed in.',
  failed: 'Sign-in could not be completed (it may have expired or been started in another tab). Please try again.',
};

// Text into HTML: the user's name comes from Worksection.
const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

@Controller()
export class PagesController {
  // Where a sign-in lands: who is signed in, or the way to sign in.
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  home(@Req() req: Request): string {
    const user = req.user as { name?: string; id: string } | undefined;
    if (!user) return '<h1>Welcome</h1><p><a href="/login">Sign in</a></p>';
    return `<h1>Welcome</h1><p>Signed in as ${escape(user.name ?? user.id)}.</p>`;
  }

  // Where a failed sign-in lands (SignInFailedFilter), with why; a link, not a form, starts the next one.
  @Get('login')
  @Header('Content-Type', 'text/html; charset=utf-8')
  login(@Query('signin') reason: unknown): string {
    const message = typeof reason === 'string' && Object.hasOwn(SIGN_IN_MESSAGES, reason) ? SIGN_IN_MESSAGES[reason] : undefined;
    return `<h1>Sign in</h1>${message ? `<p role="status">${message}</p>` : ''}<p><a href="/auth/worksection">Sign in with Worksection</a></p>`;
  }
}
