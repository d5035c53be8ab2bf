import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../common/decorators/public.decorator.js';
import { AuthRateLimitGuard } from '../../common/rate-limit/rate-limit.guard.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { User } from '../users/user.entity.js';
import { AuthService, type ClientMeta } from './auth.service.js';
import { AuthResultDto } from './dto/auth-result.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { PasswordResetDto } from './dto/password-reset.dto.js';
import { RefreshTokenDto } from './dto/refresh-token.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { PasswordsService } from './passwords.service.js';

@ApiTags('auth')
@Public()
@UseGuards(AuthRateLimitGuard)
@ApiProblems(400, 413, 429)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordsService,
  ) {}

  @Post('register')
  @ApiOperation({
    summary: 'Create an account and sign in',
    description:
      'Creates a user with the network role member and answers a fresh access and refresh token pair; an email already in use is 409.',
  })
  @ApiCreatedResponse({ type: AuthResultDto })
  @ApiProblems(409)
  register(@Body() body: RegisterDto, @Req() req: Request): Promise<AuthResultDto> {
    return this.auth.register(body, meta(req));
  }

  @Post('login')
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Answers a new access and refresh token pair; repeated failures for one account and address are slowed down with 429.',
  })
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: AuthResultDto })
  @ApiProblems(401)
  login(@Req() req: Request & { user: User }): Promise<AuthResultDto> {
    return this.auth.login(req.user, meta(req));
  }

  @Post('refresh')
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description:
      'The refresh token is spent: presenting it again ends the whole login (replay protection, docs/auth.md).',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResultDto })
  @ApiProblems(401)
  refreshTokens(@Body() body: RefreshTokenDto, @Req() req: Request): Promise<AuthResultDto> {
    return this.auth.refresh(body.refreshToken, meta(req));
  }

  @Post('password-reset')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with a one-time code from a facilitator or admin',
    description:
      'Every login of the user ends. A wrong, expired, used or unknown code, or an unknown email, all answer the same 400 naming `code`; a code dies after a few wrong tries (KENESH_RESET_CODE_MAX_ATTEMPTS), and the /auth request limit applies per address.',
  })
  @ApiNoContentResponse({ description: 'Password set; every login of the user ended' })
  resetPassword(@Body() body: PasswordResetDto, @Req() req: Request): Promise<void> {
    return this.passwords.resetPassword(body, meta(req).ip);
  }

  @Post('logout')
  @ApiOperation({
    summary: 'End the login of a refresh token',
    description:
      'Ends the login the refresh token belongs to; its access tokens stop working too. An unknown or already ended one answers 204 as well.',
  })
  @HttpCode(204)
  @ApiNoContentResponse()
  logout(@Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }
}

function meta(req: Request): ClientMeta {
  return { ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') };
}
