import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time password reset codes issued by facilitators and admins (no email or SMS here).
 * At most one per user (the primary key): a new code replaces the old one. Only an HMAC of
 * the code is stored; the row is deleted when the code is used, and it dies after
 * `failed_attempts` reaches the configured maximum or at `expires_at`.
 */
export class PasswordResetCodes1795568000000 implements MigrationInterface {
  name = 'PasswordResetCodes1795568000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_reset_codes" (
        "user_id" uuid PRIMARY KEY REFERENCES "users" ("id") ON DELETE CASCADE,
        "code_hash" text NOT NULL,
        "issued_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "failed_attempts" integer NOT NULL DEFAULT 0 CHECK ("failed_attempts" >= 0),
        CONSTRAINT "password_reset_codes_expiry_check" CHECK ("expires_at" > "created_at")
      )`,
    );
    await queryRunner.query(
      'CREATE INDEX "password_reset_codes_issued_by_idx" ON "password_reset_codes" ("issued_by")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "password_reset_codes"');
  }
}
