import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments (issue 11): files stored inside PostgreSQL as chunked `bytea` rows, one copy per
 * SHA-256 (`file_blobs`, `file_chunks`), tus uploads in progress (`uploads`) and the
 * attachments themselves, each attached to at most one parent item. See docs/attachments.md.
 */
export class Attachments1795573000000 implements MigrationInterface {
  name = 'Attachments1795573000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "file_blobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sha256" text, "size" bigint NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "file_blobs_sha256_check" CHECK ("sha256" ~ \'^[0-9a-f]{64}$\'), CONSTRAINT "file_blobs_size_check" CHECK ("size" >= 0), CONSTRAINT "PK_22449033583893406daf94482ed" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "file_blobs_sha256_key" ON "file_blobs"  ("sha256") WHERE "sha256" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "upload_id" uuid NOT NULL, "uploader_id" uuid, "kind" text NOT NULL, "mime_type" text NOT NULL, "size" bigint NOT NULL, "sha256" text NOT NULL, "blob_id" uuid NOT NULL, "display_blob_id" uuid, "thumbnail_blob_id" uuid, "width" integer, "height" integer, "duration_seconds" double precision, "caption" text, "file_name" text, "parent_type" text, "parent_id" uuid, "position" smallint, "attached_at" TIMESTAMP WITH TIME ZONE, "hidden_at" TIMESTAMP WITH TIME ZONE, "hidden_by" uuid, "hidden_reason" text, "parent_hidden" boolean NOT NULL DEFAULT false, "parent_deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "attachments_size_check" CHECK ("size" >= 0), CONSTRAINT "attachments_caption_length_check" CHECK (char_length("caption") <= 1000), CONSTRAINT "attachments_hidden_check" CHECK (("hidden_at" IS NULL) = ("hidden_reason" IS NULL)), CONSTRAINT "attachments_parent_check" CHECK (("parent_type" IS NULL) = ("parent_id" IS NULL) AND ("parent_id" IS NULL) = ("attached_at" IS NULL) AND ("parent_id" IS NULL) = ("position" IS NULL)), CONSTRAINT "attachments_parent_type_check" CHECK ("parent_type" IN (\'issue\', \'comment\', \'escalation\', \'message\')), CONSTRAINT "attachments_kind_check" CHECK ("kind" IN (\'image\', \'document\', \'audio\')), CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "attachments_upload_key" ON "attachments"  ("upload_id")',
    );
    await queryRunner.query(
      'CREATE INDEX "attachments_uploader_idx" ON "attachments"  ("uploader_id")',
    );
    await queryRunner.query('CREATE INDEX "attachments_blob_idx" ON "attachments"  ("blob_id")');
    await queryRunner.query(
      'CREATE INDEX "attachments_display_blob_idx" ON "attachments"  ("display_blob_id")',
    );
    await queryRunner.query(
      'CREATE INDEX "attachments_thumbnail_blob_idx" ON "attachments"  ("thumbnail_blob_id")',
    );
    await queryRunner.query(
      'CREATE INDEX "attachments_parent_deleted_idx" ON "attachments"  ("parent_deleted_at") WHERE "parent_deleted_at" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "attachments_unattached_idx" ON "attachments"  ("created_at") WHERE "parent_id" IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "attachments_parent_idx" ON "attachments"  ("parent_type", "parent_id", "position") WHERE "parent_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "file_chunks" ("blob_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "file_chunks_seq_check" CHECK ("seq" >= 0), CONSTRAINT "PK_277ade1b283d381ca2f8a3cc989" PRIMARY KEY ("blob_id", "seq"))',
    );
    // Photos, PDFs and audio are compressed already: store the pieces as they are, out of
    // line, instead of spending CPU on TOAST compression that saves nothing.
    await queryRunner.query('ALTER TABLE "file_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL');
    await queryRunner.query(
      'CREATE TABLE "uploads" ("id" uuid NOT NULL, "uploader_id" uuid NOT NULL, "blob_id" uuid NOT NULL, "length" bigint NOT NULL, "offset" bigint NOT NULL DEFAULT \'0\', "metadata" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uploads_offset_check" CHECK ("offset" >= 0 AND "offset" <= "length"), CONSTRAINT "PK_d1781d1eedd7459314f60f39bd3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "uploads_uploader_idx" ON "uploads"  ("uploader_id")');
    await queryRunner.query('CREATE INDEX "uploads_blob_idx" ON "uploads"  ("blob_id")');
    await queryRunner.query('CREATE INDEX "uploads_created_idx" ON "uploads"  ("created_at")');
    await queryRunner.query(
      'ALTER TABLE "attachments" ADD CONSTRAINT "FK_73407cf2d2a0e64546bacf309a7" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" ADD CONSTRAINT "FK_2ed76e5e068bbf7ad4e5c4c7c5e" FOREIGN KEY ("blob_id") REFERENCES "file_blobs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" ADD CONSTRAINT "FK_e50f2f570e3b7faeb71766e492e" FOREIGN KEY ("display_blob_id") REFERENCES "file_blobs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" ADD CONSTRAINT "FK_49814cae82c12d6a374d40a44b6" FOREIGN KEY ("thumbnail_blob_id") REFERENCES "file_blobs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" ADD CONSTRAINT "FK_22d7ab6540550013fd042eec686" FOREIGN KEY ("hidden_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "file_chunks" ADD CONSTRAINT "FK_545f4d942527a47bec347fcaced" FOREIGN KEY ("blob_id") REFERENCES "file_blobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "uploads" ADD CONSTRAINT "FK_c0e2abb2ab1664fee239887162b" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "uploads" ADD CONSTRAINT "FK_6dcfa992652362799b3d6ae9744" FOREIGN KEY ("blob_id") REFERENCES "file_blobs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "attachments"');
    await queryRunner.query('DROP TABLE "uploads"');
    await queryRunner.query('DROP TABLE "file_chunks"');
    await queryRunner.query('DROP TABLE "file_blobs"');
  }
}
