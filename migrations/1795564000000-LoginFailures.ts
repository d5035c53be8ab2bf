import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The brute-force brake's counters, shared by every node (they were kept in each process):
 * one row per account (`account:<email>`) or address (`ip:<address>`) with failures in the
 * current window, and the end of its lock. Rows are deleted a day after they last mattered.
 */
export class LoginFailures1795564000000 implements MigrationInterface {
  name = 'LoginFailures1795564000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_failures" (
        "key" text PRIMARY KEY,
        "failures" integer NOT NULL CHECK ("failures" >= 1),
        "window_started_at" timestamptz NOT NULL,
        "locked_until" timestamptz
      )`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "login_failures"');
  }
}
