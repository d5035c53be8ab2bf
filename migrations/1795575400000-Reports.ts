import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * District report packs (issue 13): the report rows with their frozen snapshot and its hash,
 * and the built PDF and XLSX files (bytea, so every node serves them). See docs/reports.md.
 */
export class Reports1795575400000 implements MigrationInterface {
  name = 'Reports1795575400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "territory_id" uuid NOT NULL, "period_from" TIMESTAMP WITH TIME ZONE NOT NULL, "period_to" TIMESTAMP WITH TIME ZONE NOT NULL, "language" text NOT NULL, "status" text NOT NULL DEFAULT \'pending\', "progress" jsonb, "error" text, "snapshot" jsonb, "snapshot_hash" text, "snapshot_at" TIMESTAMP WITH TIME ZONE, "pdf_bytes" integer, "xlsx_bytes" integer, "build_ms" integer, "attempts" integer NOT NULL DEFAULT \'0\', "requested_by" uuid, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reports_ready_check" CHECK (("status" = \'ready\') <= ("snapshot_hash" IS NOT NULL)), CONSTRAINT "reports_period_check" CHECK ("period_to" > "period_from"), CONSTRAINT "reports_status_check" CHECK ("status" IN (\'pending\', \'building\', \'ready\', \'failed\')), CONSTRAINT "reports_language_check" CHECK ("language" IN (\'ky\', \'ru\')), CONSTRAINT "reports_kind_check" CHECK ("kind" IN (\'district_round_table\')), CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "reports_territory_id_idx" ON "reports"  ("territory_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "reports_requested_by_idx" ON "reports"  ("requested_by") ',
    );
    await queryRunner.query(
      'CREATE INDEX "reports_newest_idx" ON "reports"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "report_files" ("report_id" uuid NOT NULL, "format" text NOT NULL, "content" bytea NOT NULL, "sha256" text NOT NULL, CONSTRAINT "report_files_format_check" CHECK ("format" IN (\'pdf\', \'xlsx\')), CONSTRAINT "PK_66850309a4bb378a7324898c51d" PRIMARY KEY ("report_id", "format"))',
    );
    await queryRunner.query(
      'ALTER TABLE "reports" ADD CONSTRAINT "FK_5da74756717f8035af02a37ebcd" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "reports" ADD CONSTRAINT "FK_fb3c114a682e16e1b6c0e7d8744" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_files" ADD CONSTRAINT "FK_b16cc9f98191e402dda66a20f7d" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "report_files" DROP CONSTRAINT "FK_b16cc9f98191e402dda66a20f7d"',
    );
    await queryRunner.query(
      'ALTER TABLE "reports" DROP CONSTRAINT "FK_fb3c114a682e16e1b6c0e7d8744"',
    );
    await queryRunner.query(
      'ALTER TABLE "reports" DROP CONSTRAINT "FK_5da74756717f8035af02a37ebcd"',
    );
    await queryRunner.query('DROP TABLE "report_files"');
    await queryRunner.query('DROP INDEX "public"."reports_newest_idx"');
    await queryRunner.query('DROP INDEX "public"."reports_requested_by_idx"');
    await queryRunner.query('DROP INDEX "public"."reports_territory_id_idx"');
    await queryRunner.query('DROP TABLE "reports"');
  }
}
