// main.ts
import { NestFactory } from '@nestjs/core';
import session from 'express-session';
import passport from 'passport';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  // The signed-in user lives in the session. The sign-in's own state waits in the strategy's sealed cookie, so a
  // visitor who does not finish signing in costs no session (saveUninitialized: false).
  app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));
  app.use(passport.session());
  await app.listen(process.env.PORT ?? 3000, process.env.HOST ?? '0.0.0.0');
  console.log(`Listening on ${await app.getUrl()}`);
}
void bootstrap();
