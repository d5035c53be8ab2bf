import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every list pages by keyset (`{ items, nextCursor }`). Lists that answered everything at once
 * now page by their time column, which a cursor carries as a JavaScript Date: millisecond
 * precision, as for the other cursor columns (`CreatedAtMs`), so that the row a page ended on
 * compares equal to its cursor instead of coming again on the next page.
 */
const COLUMNS: [table: string, column: string][] = [
  ['issue_transitions', 'created_at'],
  ['issue_revisions', 'created_at'],
  ['endorsements', 'created_at'],
  ['comment_revisions', 'created_at'],
  ['organisation_invitations', 'created_at'],
  ['rooms', 'updated_at'],
];

export class ListCursors1795572000000 implements MigrationInterface {
  name = 'ListCursors1795572000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE TIMESTAMP(3) WITH TIME ZONE`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE TIMESTAMP WITH TIME ZONE`,
      );
    }
  }
}
