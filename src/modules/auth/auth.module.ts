import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { User } from '../users/user.entity.js';
import { UsersModule } from '../users/users.module.js';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module.js';
import { AuthSession } from './auth-session.entity.js';
import { AccountController } from './account.controller.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LocalStrategy } from './local.strategy.js';
import { jwtKey } from './jwt-key.js';
import { LoginAttemptsService } from './login-attempts.service.js';
import { PasswordsService } from './passwords.service.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionPruner } from './session-pruner.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, AuthSession, RefreshToken]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: jwtKey(config.jwtSecret),
        signOptions: { algorithm: 'HS256', issuer: 'kenesh' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'kenesh' },
      }),
    }),
    UsersModule,
    RateLimitModule,
  ],
  controllers: [AuthController, AccountController],
  providers: [
    AuthService,
    PasswordsService,
    LoginAttemptsService,
    LocalStrategy,
    JwtStrategy,
    SessionPruner,
  ],
  exports: [AuthService],
})
export class AuthModule {}
