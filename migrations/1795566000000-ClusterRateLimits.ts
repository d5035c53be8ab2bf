import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limits that hold across nodes:
 * - `rate_limit_windows`: fixed-window request counters (the `/auth/*` limit), one row per key
 *   and window, deleted once `expires_at` is past (`RateLimitWindows.pruneExpired()`);
 * - the send limit counts an author's messages of the last seconds inside the send check, so
 *   the author index gains `created_at` (it still serves the foreign key's lookups).
 */
export class ClusterRateLimits1795566000000 implements MigrationInterface {
  name = 'ClusterRateLimits1795566000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_limit_windows" (
        "key" text NOT NULL,
        "window_start" timestamptz NOT NULL,
        "count" integer NOT NULL CHECK ("count" >= 1),
        "expires_at" timestamptz NOT NULL,
        PRIMARY KEY ("key", "window_start")
      )`,
    );
    await queryRunner.query(
      'CREATE INDEX "rate_limit_windows_expires_at_idx" ON "rate_limit_windows" ("expires_at")',
    );
    await queryRunner.query('DROP INDEX "public"."messages_author_id_idx"');
    await queryRunner.query(
      'CREATE INDEX "messages_author_created_idx" ON "messages" ("author_id", "created_at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."messages_author_created_idx"');
    await queryRunner.query('CREATE INDEX "messages_author_id_idx" ON "messages" ("author_id") ');
    await queryRunner.query('DROP TABLE "rate_limit_windows"');
  }
}
