// app.module.ts
import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth.controller';
import { PagesController } from './pages.controller';
import { SessionSerializer } from './session.serializer';
import { WorksectionStrategy } from './worksection.strategy';

@Module({
  imports: [PassportModule.register({ session: true })],
  controllers: [AuthController, PagesController],
  providers: [WorksectionStrategy, SessionSerializer],
})
export class AppModule {}
