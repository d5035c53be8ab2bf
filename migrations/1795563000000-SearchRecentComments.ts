import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Visible comments newest first: a search ranks only the most recent matching comments of a
 * word that is everywhere (see `SEARCH_CANDIDATES` in issues.service.ts), found by walking
 * this index instead of ranking every match.
 */
export class SearchRecentComments1795563000000 implements MigrationInterface {
  name = 'SearchRecentComments1795563000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "comments_visible_recent_idx" ON "comments" ("created_at") WHERE "deleted_at" IS NULL AND "hidden_at" IS NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."comments_visible_recent_idx"');
  }
}
