import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings (issue 12): statements with survey result cells frozen when recorded and the
 * focus groups they cite, each raising at most one issue thread. See docs/findings.md.
 */
export class Findings1795574300000 implements MigrationInterface {
  name = 'Findings1795574300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "findings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "statement" text NOT NULL, "language" text NOT NULL, "category" text NOT NULL, "survey_id" uuid, "survey_evidence" jsonb, "frozen_at" TIMESTAMP WITH TIME ZONE, "issue_id" uuid, "raised_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "findings_raised_check" CHECK (("issue_id" IS NULL) = ("raised_at" IS NULL)), CONSTRAINT "findings_survey_evidence_check" CHECK (("survey_id" IS NULL) = ("survey_evidence" IS NULL) AND ("survey_id" IS NULL) = ("frozen_at" IS NULL)), CONSTRAINT "findings_statement_length_check" CHECK (char_length("statement") BETWEEN 3 AND 5000), CONSTRAINT "findings_language_check" CHECK ("language" IN (\'ky\', \'ru\', \'en\', \'tg\', \'uz\')), CONSTRAINT "findings_category_check" CHECK ("category" IN (\'water_irrigation\', \'land_pasture\', \'roads_transport\', \'border_crossing\', \'documents_citizenship\', \'trade_markets\', \'education\', \'health\', \'security_incidents\', \'interethnic_relations\', \'infrastructure\', \'other\')), CONSTRAINT "PK_ae9807d6293c23c13ff8804d09c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "findings_category_idx" ON "findings"  ("category")');
    await queryRunner.query('CREATE INDEX "findings_survey_id_idx" ON "findings"  ("survey_id")');
    await queryRunner.query('CREATE INDEX "findings_issue_id_idx" ON "findings"  ("issue_id")');
    await queryRunner.query(
      'CREATE INDEX "findings_newest_idx" ON "findings"  ("created_at", "id")',
    );
    await queryRunner.query(
      'CREATE TABLE "finding_events" ("finding_id" uuid NOT NULL, "event_id" uuid NOT NULL, CONSTRAINT "PK_bfe179a3d61b4cf3ff6cd084e4a" PRIMARY KEY ("finding_id", "event_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "finding_events_event_id_idx" ON "finding_events"  ("event_id")',
    );
    await queryRunner.query(
      'CREATE TABLE "finding_territories" ("finding_id" uuid NOT NULL, "territory_id" uuid NOT NULL, CONSTRAINT "PK_2abf92d84de75bb4688cbff6a89" PRIMARY KEY ("finding_id", "territory_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "finding_territories_territory_id_idx" ON "finding_territories"  ("territory_id")',
    );
    await queryRunner.query(
      'ALTER TABLE "findings" ADD CONSTRAINT "FK_99a067d8c2c7916a152c3e605d7" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "findings" ADD CONSTRAINT "FK_075fbd2c3249903f5b19e92b03c" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "finding_events" ADD CONSTRAINT "FK_1169bc94ff974ea4ea501a90788" FOREIGN KEY ("finding_id") REFERENCES "findings"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "finding_events" ADD CONSTRAINT "FK_2a898c04b29d48fe416f6ec8bbb" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "finding_territories" ADD CONSTRAINT "FK_ac138b2d3c036c0200899eab4fa" FOREIGN KEY ("finding_id") REFERENCES "findings"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "finding_territories" ADD CONSTRAINT "FK_03d71cb3dc039570fc131007e4b" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "finding_territories" DROP CONSTRAINT "FK_03d71cb3dc039570fc131007e4b"',
    );
    await queryRunner.query(
      'ALTER TABLE "finding_territories" DROP CONSTRAINT "FK_ac138b2d3c036c0200899eab4fa"',
    );
    await queryRunner.query(
      'ALTER TABLE "finding_events" DROP CONSTRAINT "FK_2a898c04b29d48fe416f6ec8bbb"',
    );
    await queryRunner.query(
      'ALTER TABLE "finding_events" DROP CONSTRAINT "FK_1169bc94ff974ea4ea501a90788"',
    );
    await queryRunner.query(
      'ALTER TABLE "findings" DROP CONSTRAINT "FK_075fbd2c3249903f5b19e92b03c"',
    );
    await queryRunner.query(
      'ALTER TABLE "findings" DROP CONSTRAINT "FK_99a067d8c2c7916a152c3e605d7"',
    );
    await queryRunner.query('DROP INDEX "public"."finding_territories_territory_id_idx"');
    await queryRunner.query('DROP TABLE "finding_territories"');
    await queryRunner.query('DROP INDEX "public"."finding_events_event_id_idx"');
    await queryRunner.query('DROP TABLE "finding_events"');
    await queryRunner.query('DROP INDEX "public"."findings_newest_idx"');
    await queryRunner.query('DROP INDEX "public"."findings_issue_id_idx"');
    await queryRunner.query('DROP INDEX "public"."findings_survey_id_idx"');
    await queryRunner.query('DROP INDEX "public"."findings_category_idx"');
    await queryRunner.query('DROP TABLE "findings"');
  }
}
