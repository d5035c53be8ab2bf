import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { type AccessClaims, AuthService } from './auth.service.js';
import { jwtKey } from './jwt-key.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @InjectConfig() config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands it to jsonwebtoken, which takes a KeyObject (see jwt-key.ts).
      secretOrKey: jwtKey(config.jwtSecret) as unknown as string,
      algorithms: ['HS256'],
      issuer: 'kenesh',
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessClaims): Promise<AuthUser> {
    return this.auth.resolveAccess(claims);
  }
}
