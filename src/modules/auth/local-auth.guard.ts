import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import { throwIfUnavailable } from '../../common/errors/to-app-error.js';
import { flattenValidationErrors } from '../../common/validation/validation.js';
import { LoginDto } from './dto/login.dto.js';

/**
 * Guards run before pipes, so the login body is validated here: a malformed body is a 400
 * listing its fields, not a failed login that counts towards the brute-force brake.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<Request>().body;
    const dto = plainToInstance(LoginDto, typeof body === 'object' && body !== null ? body : {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw AppError.validation(flattenValidationErrors(errors));
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof AppError) throw error;
    // The account lookup could not reach the database: not a wrong password.
    throwIfUnavailable(error);
    if (error || !user) throw AppError.unauthorized('auth.wrongCredentials');
    return user;
  }
}
