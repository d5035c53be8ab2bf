import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../errors/app-error.js';
import { throwIfUnavailable } from '../errors/to-app-error.js';
import { IS_PUBLIC } from '../decorators/public.decorator.js';

/** Global: every route needs a valid access token unless it is marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    // Sockets authenticate once, in the handshake (see RoomsGateway).
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof AppError) throw error;
    // The login lookup could not reach the database: 503, not 401.
    throwIfUnavailable(error);
    if (error || !user) throw AppError.unauthorized('auth.validAccessRequired');
    return user;
  }
}
