import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { AuditService } from '../audit/audit.service.js';
import type { NetworkRole } from '../users/user-role.js';
import type { ChangePasswordDto } from './dto/change-password.dto.js';
import type { PasswordResetDto } from './dto/password-reset.dto.js';
import type { ResetCodeDto } from './dto/reset-code.dto.js';
import { LoginAttemptsService } from './login-attempts.service.js';
import { hashPassword, verifyPassword } from './password.js';

/**
 * Read aloud and typed on a phone: no 0/O, 1/I/L. 31 symbols, 8 of them: about 2^39.6 codes,
 * against at most `KENESH_RESET_CODE_MAX_ATTEMPTS` guesses per code.
 */
export const RESET_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RESET_CODE_LENGTH = 8;

/**
 * Who may issue a reset code for whom. A code hands over the account, so a facilitator may
 * issue one only for a member (never for a peer or an admin, whose powers it would take);
 * an admin for anyone but themselves. Nobody for their own account: they know their password
 * (POST /me/password), and a staff member who lost theirs asks another admin.
 */
function mayIssueFor(actor: AuthUser, targetRole: NetworkRole): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'facilitator' && targetRole === 'member';
}

/** Own password changes, and recovery through a one-time code issued by staff. */
@Injectable()
export class PasswordsService {
  private readonly logger = new Logger(PasswordsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attempts: LoginAttemptsService,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Checks the current password through the login brake (a stolen access token must not
   * become a password oracle), then ends every other login of the user; this one stays.
   */
  async changePassword(actor: AuthUser, dto: ChangePasswordDto, ip: string): Promise<void> {
    await this.attempts.assertAllowed(actor.email, ip);
    const [user] = await this.dataSource.query<{ password_hash: string }[]>(
      'SELECT password_hash FROM users WHERE id = $1',
      [actor.id],
    );
    if (!user) throw AppError.unauthorized('auth.accountGone');
    if (!(await verifyPassword(user.password_hash, dto.currentPassword))) {
      await this.attempts.recordFailure(actor.email, ip);
      // Not 401: a client that gets 401 signs its user out, for a typo.
      throw AppError.validation([{ field: 'currentPassword', key: 'field.currentPasswordWrong' }]);
    }
    await this.attempts.recordSuccess(actor.email, ip);
    if (dto.newPassword === dto.currentPassword) {
      throw AppError.validation([{ field: 'newPassword', key: 'field.newPasswordSame' }]);
    }
    const hash = await hashPassword(dto.newPassword);
    const ended = await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE users SET password_hash = $2 WHERE id = $1', [actor.id, hash]);
      // A code issued earlier would let someone set the password back: it dies with the change.
      await manager.query('DELETE FROM password_reset_codes WHERE user_id = $1', [actor.id]);
      return this.endLogins(manager, actor.id, 'password_changed', actor.sessionId);
    });
    this.logger.log({ event: 'password_changed', userId: actor.id, endedLogins: ended });
  }

  /** A new code replaces any earlier one of the user; the code itself is never stored. */
  async issueResetCode(actor: AuthUser, userId: string): Promise<ResetCodeDto> {
    if (!isStaff(actor)) throw AppError.forbidden('auth.resetCodeStaffOnly');
    if (userId === actor.id) {
      throw AppError.forbidden('auth.resetCodeNotSelf');
    }
    const code = newCode();
    const expiresAt = await this.dataSource.transaction(async (manager) => {
      // FOR SHARE: a role change of the target (which locks the row) cannot slip in between
      // the check and the code.
      const [target] = await manager.query<{ role: NetworkRole }[]>(
        'SELECT role FROM users WHERE id = $1 FOR SHARE',
        [userId],
      );
      if (!target) throw AppError.notFound('user');
      if (!mayIssueFor(actor, target.role)) {
        throw AppError.forbidden('auth.resetCodeAdminOnly');
      }
      const [row] = await manager.query<{ expires_at: Date }[]>(
        `INSERT INTO password_reset_codes (user_id, code_hash, issued_by, created_at, expires_at, failed_attempts)
         VALUES ($1, $2, $3, now(), now() + make_interval(secs => $4), 0)
         ON CONFLICT (user_id) DO UPDATE SET code_hash = EXCLUDED.code_hash,
           issued_by = EXCLUDED.issued_by, created_at = EXCLUDED.created_at,
           expires_at = EXCLUDED.expires_at, failed_attempts = 0
         RETURNING expires_at`,
        [userId, this.codeHash(userId, code), actor.id, this.config.resetCodeTtlSeconds],
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'user.password_reset_code',
          targetType: 'user',
          targetId: userId,
          details: { expiresAt: row.expires_at.toISOString(), targetRole: target.role },
        },
        manager,
      );
      return row.expires_at;
    });
    this.logger.log({ event: 'password_reset_code_issued', actorId: actor.id, userId });
    return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Sets a new password with a code. Every failure answers the same, whether the email is
   * unknown, has no code, or the code is wrong, expired, used or dead; a wrong code counts
   * towards its maximum. The new password is hashed first, whatever the outcome, so the
   * answer's timing tells nothing either.
   */
  async resetPassword(dto: PasswordResetDto, ip: string): Promise<void> {
    const email = dto.email.trim().toLowerCase();
    const code = dto.code.toUpperCase().replace(/[\s-]/g, '');
    const hash = await hashPassword(dto.newPassword);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<
        { user_id: string; code_hash: string; live: boolean; failed_attempts: number }[]
      >(
        `SELECT c.user_id, c.code_hash, c.failed_attempts,
                (c.expires_at > now() AND c.failed_attempts < $2) AS live
           FROM password_reset_codes c JOIN users u ON u.id = c.user_id
          WHERE u.email = $1
          FOR UPDATE OF c`,
        [email, this.config.resetCodeMaxAttempts],
      );
      if (!row?.live) return { ok: false as const, userId: row?.user_id };
      if (!sameHash(row.code_hash, this.codeHash(row.user_id, code))) {
        await manager.query(
          'UPDATE password_reset_codes SET failed_attempts = failed_attempts + 1 WHERE user_id = $1',
          [row.user_id],
        );
        return {
          ok: false as const,
          userId: row.user_id,
          died: row.failed_attempts + 1 >= this.config.resetCodeMaxAttempts,
        };
      }
      await manager.query('DELETE FROM password_reset_codes WHERE user_id = $1', [row.user_id]);
      await manager.query('UPDATE users SET password_hash = $2 WHERE id = $1', [row.user_id, hash]);
      const ended = await this.endLogins(manager, row.user_id, 'password_reset');
      await this.audit.record(
        {
          actorId: row.user_id,
          action: 'user.password_reset',
          targetType: 'user',
          targetId: row.user_id,
          details: { endedLogins: ended },
        },
        manager,
      );
      return { ok: true as const, userId: row.user_id };
    });
    if (!outcome.ok) {
      this.logger.warn({
        event: 'password_reset_refused',
        userId: outcome.userId ?? null,
        ip,
        codeDied: 'died' in outcome ? outcome.died : undefined,
      });
      throw AppError.validation(
        [{ field: 'code', key: 'field.resetCodeWrong' }],
        'auth.resetCodeWrong',
      );
    }
    this.logger.log({ event: 'password_reset', userId: outcome.userId, ip });
  }

  /** Revokes the user's live logins (all but `keep`); their access tokens stop at once. */
  private async endLogins(
    manager: EntityManager,
    userId: string,
    reason: string,
    keep?: string,
  ): Promise<number> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = await manager.query<[unknown[], number]>(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, keep ?? null],
    );
    return affected;
  }

  /**
   * Keyed with the server's secret and bound to the user: a copy of the table alone does not
   * let anyone test the 2^39.6 candidates offline.
   */
  private codeHash(userId: string, code: string): string {
    return createHmac('sha256', this.config.jwtSecret)
      .update(`password-reset:${userId}:${code}`)
      .digest('hex');
  }
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < RESET_CODE_LENGTH; i += 1) {
    code += RESET_CODE_ALPHABET[randomInt(RESET_CODE_ALPHABET.length)];
  }
  return code;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
