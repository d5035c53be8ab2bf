import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns (issue 13): information campaigns, their publications per language and audience
 * (approved before they count) and the reach log kept by organisations. `strategy_id` and the
 * provision links carry no foreign key: the strategies and legal modules are built in parallel.
 * See docs/campaigns.md.
 */
export class Campaigns1795575300000 implements MigrationInterface {
  name = 'Campaigns1795575300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "campaigns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" jsonb NOT NULL, "objective" jsonb NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "strategy_id" uuid, "organisation_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "campaigns_period_check" CHECK ("ends_at" > "starts_at"), CONSTRAINT "PK_831e3fcd4fc45b4e4c3f57a9ee4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "campaigns_strategy_id_idx" ON "campaigns"  ("strategy_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "campaigns_organisation_id_idx" ON "campaigns"  ("organisation_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "campaigns_created_by_idx" ON "campaigns"  ("created_by") ',
    );
    await queryRunner.query(
      'CREATE INDEX "campaigns_starts_idx" ON "campaigns"  ("starts_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "campaign_provisions" ("campaign_id" uuid NOT NULL, "provision_id" uuid NOT NULL, CONSTRAINT "PK_4b5b2bedcf4504fd4038f281cd9" PRIMARY KEY ("campaign_id", "provision_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "campaign_provisions_provision_id_idx" ON "campaign_provisions"  ("provision_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "campaign_publications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "kind" text NOT NULL, "language" text NOT NULL, "title" text NOT NULL, "body" text, "audiences" text array NOT NULL, "approved_at" TIMESTAMP WITH TIME ZONE, "approved_by" uuid, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "campaign_publications_approved_check" CHECK (("approved_at" IS NULL) = ("approved_by" IS NULL)), CONSTRAINT "campaign_publications_audiences_check" CHECK (cardinality("audiences") > 0 AND "audiences" <@ ARRAY[\'general\', \'women\', \'youth\', \'elders\', \'farmers\', \'cross_border_traders\', \'teachers\', \'local_officials\']::text[]), CONSTRAINT "campaign_publications_language_check" CHECK ("language" IN (\'ky\', \'ru\', \'tg\', \'uz\', \'en\')), CONSTRAINT "campaign_publications_kind_check" CHECK ("kind" IN (\'leaflet\', \'poster\', \'radio\', \'video\', \'social\', \'talk\', \'sms\')), CONSTRAINT "PK_96b333025ef829c60a51d550713" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "campaign_publications_created_by_idx" ON "campaign_publications"  ("created_by") ',
    );
    await queryRunner.query(
      'CREATE INDEX "campaign_publications_campaign_idx" ON "campaign_publications"  ("campaign_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "campaign_publication_provisions" ("publication_id" uuid NOT NULL, "provision_id" uuid NOT NULL, CONSTRAINT "PK_f6c65d861b789b36b7181352b20" PRIMARY KEY ("publication_id", "provision_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "campaign_publication_provisions_provision_id_idx" ON "campaign_publication_provisions"  ("provision_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "campaign_reach" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "client_row_id" text NOT NULL, "date" date NOT NULL, "territory_id" uuid NOT NULL, "channel" text NOT NULL, "publication_id" uuid, "audience" text NOT NULL, "female" integer NOT NULL, "male" integer NOT NULL, "undisclosed" integer NOT NULL, "estimated" boolean NOT NULL, "organisation_id" uuid NOT NULL, "content_hash" text NOT NULL, "entered_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "campaign_reach_counts_check" CHECK ("female" BETWEEN 0 AND 1000000 AND "male" BETWEEN 0 AND 1000000 AND "undisclosed" BETWEEN 0 AND 1000000 AND "female" + "male" + "undisclosed" > 0), CONSTRAINT "campaign_reach_audience_check" CHECK ("audience" IN (\'general\', \'women\', \'youth\', \'elders\', \'farmers\', \'cross_border_traders\', \'teachers\', \'local_officials\')), CONSTRAINT "campaign_reach_channel_check" CHECK ("channel" IN (\'meeting\', \'door_to_door\', \'radio\', \'tv\', \'social_media\', \'messenger\', \'sms\', \'poster_board\', \'market\')), CONSTRAINT "PK_646ac64401ce365b22b2b0c939e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "campaign_reach_territory_id_idx" ON "campaign_reach"  ("territory_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "campaign_reach_publication_id_idx" ON "campaign_reach"  ("publication_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "campaign_reach_organisation_id_idx" ON "campaign_reach"  ("organisation_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "campaign_reach_campaign_idx" ON "campaign_reach"  ("campaign_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "campaign_reach_client_row_key" ON "campaign_reach"  ("client_row_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "campaigns" ADD CONSTRAINT "FK_b01ad04a4fc19c5680f244bbd17" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaigns" ADD CONSTRAINT "FK_49da41a196c3d2bd6f5ce1dc3b5" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_provisions" ADD CONSTRAINT "FK_2dffb273f1b54229862f05574c6" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_publications" ADD CONSTRAINT "FK_13bbbce64ebcad937f8d96f0820" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_publications" ADD CONSTRAINT "FK_bacdfccf79d0664a0f686d7f986" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_publication_provisions" ADD CONSTRAINT "FK_56adaef49f463fa37e94a0ddb0f" FOREIGN KEY ("publication_id") REFERENCES "campaign_publications"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_reach" ADD CONSTRAINT "FK_becbd8b809ec1793beb4bf90419" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_reach" ADD CONSTRAINT "FK_cfb1a4a21c6bf4fe58adbd8327e" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_reach" ADD CONSTRAINT "FK_5e70d091e68f3e2395eb60e1da1" FOREIGN KEY ("publication_id") REFERENCES "campaign_publications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_reach" ADD CONSTRAINT "FK_9160b6d3c17d79aed21aa0f38e7" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_reach" ADD CONSTRAINT "FK_9abd23f4785f1bda4a66ca99487" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "campaign_reach" DROP CONSTRAINT "FK_9abd23f4785f1bda4a66ca99487"',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_reach" DROP CONSTRAINT "FK_9160b6d3c17d79aed21aa0f38e7"',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_reach" DROP CONSTRAINT "FK_5e70d091e68f3e2395eb60e1da1"',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_reach" DROP CONSTRAINT "FK_cfb1a4a21c6bf4fe58adbd8327e"',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_reach" DROP CONSTRAINT "FK_becbd8b809ec1793beb4bf90419"',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_publication_provisions" DROP CONSTRAINT "FK_56adaef49f463fa37e94a0ddb0f"',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_publications" DROP CONSTRAINT "FK_bacdfccf79d0664a0f686d7f986"',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_publications" DROP CONSTRAINT "FK_13bbbce64ebcad937f8d96f0820"',
    );
    await queryRunner.query(
      'ALTER TABLE "campaign_provisions" DROP CONSTRAINT "FK_2dffb273f1b54229862f05574c6"',
    );
    await queryRunner.query(
      'ALTER TABLE "campaigns" DROP CONSTRAINT "FK_49da41a196c3d2bd6f5ce1dc3b5"',
    );
    await queryRunner.query(
      'ALTER TABLE "campaigns" DROP CONSTRAINT "FK_b01ad04a4fc19c5680f244bbd17"',
    );
    await queryRunner.query('DROP INDEX "public"."campaign_reach_client_row_key"');
    await queryRunner.query('DROP INDEX "public"."campaign_reach_campaign_idx"');
    await queryRunner.query('DROP INDEX "public"."campaign_reach_organisation_id_idx"');
    await queryRunner.query('DROP INDEX "public"."campaign_reach_publication_id_idx"');
    await queryRunner.query('DROP INDEX "public"."campaign_reach_territory_id_idx"');
    await queryRunner.query('DROP TABLE "campaign_reach"');
    await queryRunner.query(
      'DROP INDEX "public"."campaign_publication_provisions_provision_id_idx"',
    );
    await queryRunner.query('DROP TABLE "campaign_publication_provisions"');
    await queryRunner.query('DROP INDEX "public"."campaign_publications_campaign_idx"');
    await queryRunner.query('DROP INDEX "public"."campaign_publications_created_by_idx"');
    await queryRunner.query('DROP TABLE "campaign_publications"');
    await queryRunner.query('DROP INDEX "public"."campaign_provisions_provision_id_idx"');
    await queryRunner.query('DROP TABLE "campaign_provisions"');
    await queryRunner.query('DROP INDEX "public"."campaigns_starts_idx"');
    await queryRunner.query('DROP INDEX "public"."campaigns_created_by_idx"');
    await queryRunner.query('DROP INDEX "public"."campaigns_organisation_id_idx"');
    await queryRunner.query('DROP INDEX "public"."campaigns_strategy_id_idx"');
    await queryRunner.query('DROP TABLE "campaigns"');
  }
}
