import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { runPrepared } from '../../infra/database/prepared.js';
import { User } from '../users/user.entity.js';
import type { NetworkRole } from '../users/user-role.js';
import type { Language } from '../../common/languages.js';
import { UsersService } from '../users/users.service.js';
import { AuthSession } from './auth-session.entity.js';
import type { AuthResultDto } from './dto/auth-result.dto.js';
import type { RegisterDto } from './dto/register.dto.js';
import { LoginAttemptsService } from './login-attempts.service.js';
import { hashPassword, verifyDecoy, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';

export interface ClientMeta {
  ip: string;
  userAgent?: string;
}

/** Claims of an access token: who (`sub`), which login (`sid`). Role is read fresh per request. */
export interface AccessClaims {
  sub: string;
  sid: string;
}

/**
 * A refresh token spent less than this many seconds ago may be presented again and gets a
 * pair of the same login (the contract's two-tabs rule); later, it is a replay.
 */
export const REFRESH_GRACE_SECONDS = 5;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectRepository(User) private readonly userRepo: Repository<User>,
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly attempts: LoginAttemptsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    if (await this.users.findByEmail(adminEmail)) return;
    await this.createUser(adminEmail, adminPassword, 'Admin', 'admin', 'ky', true);
    this.logger.log({ event: 'bootstrap_admin_created', email: adminEmail });
  }

  async register(dto: RegisterDto, meta: ClientMeta): Promise<AuthResultDto> {
    const user = await this.createUser(
      dto.email,
      dto.password,
      dto.displayName.trim(),
      'member',
      dto.preferredLanguage ?? 'ky',
    );
    this.logger.log({ event: 'user_registered', userId: user.id });
    return this.startSession(user, meta);
  }

  /** The local strategy's check; failures count towards the brute-force brake. */
  async validateCredentials(email: string, password: string, ip: string): Promise<User> {
    const normalised = email.trim().toLowerCase();
    await this.attempts.assertAllowed(normalised, ip);
    const user = await this.users.findByEmail(normalised);
    const ok = user
      ? await verifyPassword(user.passwordHash, password)
      : await verifyDecoy(password);
    if (!user || !ok) {
      await this.attempts.recordFailure(normalised, ip);
      throw AppError.unauthorized('auth.wrongCredentials');
    }
    await this.attempts.recordSuccess(normalised, ip);
    return user;
  }

  login(user: User, meta: ClientMeta): Promise<AuthResultDto> {
    this.logger.log({ event: 'login', userId: user.id, ip: meta.ip });
    return this.startSession(user, meta);
  }

  /**
   * Exchanges a refresh token for a new pair. The token is spent atomically; a spent token
   * shown again means it was copied, so the whole login is revoked (RFC 9700 §4.14.2),
   * unless it was spent less than `REFRESH_GRACE_SECONDS` ago: two tabs refreshing with the
   * same token at once, where the second gets a pair of the same login (docs/auth.md).
   */
  async refresh(token: string, meta: ClientMeta): Promise<AuthResultDto> {
    const found = await this.findRefreshToken(token);
    if (!found) throw AppError.unauthorized('auth.refreshInvalid');
    const { row, session } = found;
    if (session.revokedAt || session.expiresAt.getTime() <= Date.now()) {
      throw AppError.unauthorized('auth.loginEnded');
    }
    // The database's clock, so every node measures the grace window the same way.
    const spent = await this.refreshTokens
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND used_at IS NULL', { id: row.id })
      .execute();
    if (!spent.affected && !(await this.spentWithinGrace(row.id))) {
      await this.revokeSession(session.id, 'refresh_token_reuse');
      this.logger.warn({
        event: 'refresh_token_reuse',
        userId: session.userId,
        sessionId: session.id,
        ip: meta.ip,
      });
      throw AppError.unauthorized('auth.refreshReused');
    }
    if (!spent.affected) {
      this.logger.log({ event: 'refresh_token_grace', sessionId: session.id, ip: meta.ip });
    }
    const user = await this.users.findById(session.userId);
    if (!user) throw AppError.unauthorized('auth.accountGone');
    // Should a replay revoke the login meanwhile, this pair is refused at its first use.
    return this.issue(user, session.id);
  }

  /**
   * A separate statement from the failed update: by then the concurrent refresh that spent
   * the token has committed (the update waited for its row lock), so its `used_at` is seen.
   */
  private async spentWithinGrace(tokenId: string): Promise<boolean> {
    const [row] = await this.refreshTokens.query<{ in_grace: boolean }[]>(
      `SELECT used_at > now() - make_interval(secs => $2) AS in_grace
         FROM refresh_tokens WHERE id = $1`,
      [tokenId, REFRESH_GRACE_SECONDS],
    );
    return row?.in_grace === true;
  }

  /** Ends the login the token belongs to. Unknown tokens are ignored: logout is idempotent. */
  async logout(token: string): Promise<void> {
    const found = await this.findRefreshToken(token);
    if (found && !found.session.revokedAt) {
      await this.revokeSession(found.session.id, 'logout');
      this.logger.log({
        event: 'logout',
        userId: found.session.userId,
        sessionId: found.session.id,
      });
    }
  }

  /** Every request and socket: the token's login must still be live; the role is read fresh. */
  async resolveAccess(claims: AccessClaims): Promise<AuthUser> {
    if (!UUID.test(claims.sid ?? '') || !UUID.test(claims.sub ?? '')) {
      throw AppError.unauthorized('auth.accessInvalid');
    }
    // Runs on every authenticated request: a named statement, planned once per connection.
    const [row] = await runPrepared<{
      sid: string;
      id: string;
      email: string;
      role: NetworkRole;
      preferred_language: Language;
    }>(
      this.sessions.manager.connection,
      'auth_resolve_access',
      `SELECT s.id AS sid, u.id, u.email, u.role, u.preferred_language
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [claims.sid, claims.sub],
    );
    if (!row) throw AppError.unauthorized('auth.loginEnded');
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      sessionId: row.sid,
      preferredLanguage: row.preferred_language,
    };
  }

  /**
   * Verifies an access token string (for socket handshakes, which have no passport), and
   * says when it expires, so the connection can end with it.
   */
  async verifyAccessToken(token: unknown): Promise<{ user: AuthUser; expiresAt: number }> {
    if (typeof token !== 'string' || !token) throw AppError.unauthorized('auth.accessRequired');
    let claims: AccessClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<AccessClaims & { exp?: number }>(token);
    } catch {
      throw AppError.unauthorized('auth.accessInvalid');
    }
    const user = await this.resolveAccess(claims);
    return { user, expiresAt: (claims.exp ?? 0) * 1000 };
  }

  private async createUser(
    email: string,
    password: string,
    displayName: string,
    role: NetworkRole,
    preferredLanguage: User['preferredLanguage'],
    quietIfExists = false,
  ): Promise<User> {
    const normalised = email.trim().toLowerCase();
    if (await this.users.findByEmail(normalised)) {
      if (quietIfExists) return (await this.users.findByEmail(normalised))!;
      throw AppError.conflict('auth.emailTaken');
    }
    const user = this.userRepo.create({
      email: normalised,
      passwordHash: await hashPassword(password),
      displayName,
      role,
      preferredLanguage,
      languages: [preferredLanguage],
    });
    return this.userRepo.save(user);
  }

  private async startSession(user: User, meta: ClientMeta): Promise<AuthResultDto> {
    const session = await this.sessions.save(
      this.sessions.create({
        userId: user.id,
        expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        revokedAt: null,
        revokedReason: null,
      }),
    );
    return this.issue(user, session.id);
  }

  private async issue(user: User, sessionId: string): Promise<AuthResultDto> {
    const secret = randomBytes(32).toString('base64url');
    const row = await this.refreshTokens.save(
      this.refreshTokens.create({ sessionId, tokenHash: sha256(secret), usedAt: null }),
    );
    const claims: AccessClaims = { sub: user.id, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.accessTokenTtlSeconds,
    });
    return {
      user: await this.users.view(user, true),
      accessToken,
      refreshToken: `${row.id}.${secret}`,
      expiresIn: this.config.accessTokenTtlSeconds,
    };
  }

  private async findRefreshToken(
    token: string,
  ): Promise<{ row: RefreshToken; session: AuthSession } | null> {
    const [id, secret] = token.split('.');
    if (!id || !secret || !UUID.test(id)) return null;
    const row = await this.refreshTokens.findOne({ where: { id }, relations: { session: true } });
    if (!row?.session) return null;
    const expected = Buffer.from(row.tokenHash, 'hex');
    const actual = Buffer.from(sha256(secret), 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    return { row, session: row.session };
  }

  private async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.sessions.update(
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
