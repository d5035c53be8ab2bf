import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Items carry files (migration 1795573000000-Attachments): a message with files may have no
 * text (a voice note alone; the send checks that there are files, which a CHECK cannot see),
 * and a flag targets a message or a file. Comments needed nothing: their body may already be
 * empty (a deleted comment's tombstone), and the service keeps a comment without files from
 * being blank.
 */
export class AttachmentParents1795573100000 implements MigrationInterface {
  name = 'AttachmentParents1795573100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "messages" DROP CONSTRAINT "messages_body_check"');
    await queryRunner.query(
      'ALTER TABLE "messages" ADD CONSTRAINT "messages_body_check" CHECK (char_length("body") <= 4000)',
    );
    await queryRunner.query('ALTER TABLE "message_flags" ADD "attachment_id" uuid');
    await queryRunner.query('ALTER TABLE "message_flags" ALTER COLUMN "message_id" DROP NOT NULL');
    await queryRunner.query('ALTER TABLE "message_flags" ALTER COLUMN "room_id" DROP NOT NULL');
    await queryRunner.query(
      'ALTER TABLE "message_flags" ADD CONSTRAINT "message_flags_target_check" CHECK (("message_id" IS NULL) <> ("attachment_id" IS NULL))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "message_flags_attachment_one_per_reporter" ON "message_flags"  ("attachment_id", "reporter_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "message_flags" ADD CONSTRAINT "FK_a8e7335e75ea863b0b041f8e70f" FOREIGN KEY ("attachment_id") REFERENCES "attachments"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "message_flags" DROP CONSTRAINT "FK_a8e7335e75ea863b0b041f8e70f"',
    );
    await queryRunner.query('DROP INDEX "public"."message_flags_attachment_one_per_reporter"');
    await queryRunner.query(
      'ALTER TABLE "message_flags" DROP CONSTRAINT "message_flags_target_check"',
    );
    // Flags on files cannot be kept in the old shape.
    await queryRunner.query('DELETE FROM "message_flags" WHERE "attachment_id" IS NOT NULL');
    await queryRunner.query('ALTER TABLE "message_flags" ALTER COLUMN "room_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "message_flags" ALTER COLUMN "message_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "message_flags" DROP COLUMN "attachment_id"');
    await queryRunner.query('ALTER TABLE "messages" DROP CONSTRAINT "messages_body_check"');
    // A message without text has none to keep: it cannot satisfy the old rule.
    await queryRunner.query(`UPDATE "messages" SET "body" = '…' WHERE "body" = ''`);
    await queryRunner.query(
      'ALTER TABLE "messages" ADD CONSTRAINT "messages_body_check" CHECK (char_length("body") BETWEEN 1 AND 4000)',
    );
  }
}
