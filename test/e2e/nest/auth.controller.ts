// auth.controller.ts
import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInFailedFilter } from './sign-in-failed.filter';
import { WorksectionAuthGuard } from './worksection-auth.guard';

@Controller()
export class AuthController {
  @Get('auth/worksection')
  @UseGuards(WorksectionAuthGuard)
  signIn(): void {
    // Not reached: the guard has redirected the browser to Worksection.
  }

  @Get('auth/worksection/callback')
  @UseGuards(WorksectionAuthGuard)
  @UseFilters(SignInFailedFilter)
  callback(@Res() res: Response): void {
    res.redirect('/');
  }

  @Get('me')
  me(@Req() req: Request): { user: Express.User | null } {
    return { user: req.user ?? null };
  }
}
