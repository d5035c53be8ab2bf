import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { Roles } from '../../common/decorators/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { SkipIdempotency } from '../idempotency/idempotency-policy.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { ResetCodeDto } from './dto/reset-code.dto.js';
import { PasswordsService } from './passwords.service.js';

@ApiTags('auth')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class AccountController {
  constructor(private readonly passwords: PasswordsService) {}

  @Post('me/password')
  @HttpCode(204)
  @SkipIdempotency('the body carries passwords: not even their hash is kept for replays')
  @ApiOperation({
    summary: "Change the caller's password",
    description:
      'Checks the current password (failures count towards the login brake), sets the new one and ends every other login of the user; the login making the call stays. A wrong current password is 400 naming `currentPassword`, not 401, so clients do not sign out.',
  })
  @ApiNoContentResponse({ description: 'Changed; other logins ended' })
  @ApiProblems(400, 413, 429)
  changePassword(
    @CurrentUser() actor: AuthUser,
    @Body() body: ChangePasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    return this.passwords.changePassword(actor, body, req.ip ?? 'unknown');
  }

  @Post('users/:id/password-reset-codes')
  @Roles('facilitator', 'admin')
  @SkipIdempotency('the answer carries a one-time code that must never be stored in clear')
  @ApiOperation({
    summary: 'Issue a one-time password reset code for a user (facilitators, admins)',
    description:
      'For a member who forgot their password: the code is read to them and typed with a new password at POST /auth/password-reset. Single use, short-lived, replaces any earlier code of the user, audited. Facilitators may issue codes for members only, admins for anyone; nobody for themselves.',
  })
  @ApiCreatedResponse({ type: ResetCodeDto })
  @ApiProblems(400, 403, 404)
  issueResetCode(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<ResetCodeDto> {
    return this.passwords.issueResetCode(actor, id);
  }
}
