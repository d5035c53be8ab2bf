import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Needs assessment (issue 12): surveys, their territories and versions of questions, the
 * submissions under the ids clients made, corrections kept as revisions, public links (only a
 * hash of the token), and the anonymous surveys' respondent marks (a keyed hash per person,
 * with no submission id and no time) with the key that makes them. See docs/surveys.md.
 */
export class Surveys1795574000000 implements MigrationInterface {
  name = 'Surveys1795574000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "surveys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" jsonb NOT NULL, "description" jsonb, "anonymous" boolean NOT NULL, "min_cell_size" integer NOT NULL, "audiences" text array NOT NULL DEFAULT \'{}\', "opens_at" TIMESTAMP WITH TIME ZONE, "closes_at" TIMESTAMP WITH TIME ZONE, "status" text NOT NULL, "current_version" integer NOT NULL, "created_by" uuid, "first_submission_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "surveys_dates_check" CHECK ("closes_at" IS NULL OR "opens_at" IS NULL OR "closes_at" > "opens_at"), CONSTRAINT "surveys_min_cell_size_check" CHECK ("min_cell_size" >= 3), CONSTRAINT "surveys_status_check" CHECK ("status" IN (\'draft\', \'open\', \'closed\', \'archived\')), CONSTRAINT "PK_1b5e3d4aaeb2321ffa98498c971" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "surveys_created_idx" ON "surveys"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "survey_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "survey_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "max_responses" integer, "response_count" integer NOT NULL DEFAULT \'0\', "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "survey_links_count_check" CHECK ("response_count" >= 0), CONSTRAINT "survey_links_max_check" CHECK ("max_responses" IS NULL OR "max_responses" >= 1), CONSTRAINT "PK_e4bca128cf66d13811bac966212" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "survey_links_token_key" ON "survey_links"  ("token_hash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "survey_links_survey_idx" ON "survey_links"  ("survey_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "survey_respondent_marks" ("survey_id" uuid NOT NULL, "mark" text NOT NULL, CONSTRAINT "PK_5326febfecc5449a06cb27e5d00" PRIMARY KEY ("survey_id", "mark"))',
    );
    await queryRunner.query(
      'CREATE TABLE "survey_secrets" ("name" text NOT NULL, "value" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "survey_secrets_value_check" CHECK (char_length("value") >= 32), CONSTRAINT "PK_df26bb22d177cff384c50450836" PRIMARY KEY ("name"))',
    );
    await queryRunner.query(
      'CREATE TABLE "survey_versions" ("survey_id" uuid NOT NULL, "version" integer NOT NULL, "questions" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_facbc41abf27b5ad4db7afde78c" PRIMARY KEY ("survey_id", "version"))',
    );
    await queryRunner.query(
      'CREATE TABLE "survey_submissions" ("id" uuid NOT NULL, "survey_id" uuid NOT NULL, "version" integer NOT NULL, "mode" text NOT NULL, "gender" text NOT NULL, "age_band" text NOT NULL, "territory_id" uuid NOT NULL, "answers" jsonb NOT NULL, "collected_on" date, "entered_by" uuid, "link_id" uuid, "content_hash" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "survey_submissions_age_band_check" CHECK ("age_band" IN (\'<18\', \'18-29\', \'30-44\', \'45-59\', \'60+\')), CONSTRAINT "survey_submissions_gender_check" CHECK ("gender" IN (\'female\', \'male\', \'undisclosed\')), CONSTRAINT "survey_submissions_mode_check" CHECK ("mode" IN (\'online\', \'in_person\', \'paper\')), CONSTRAINT "PK_8c44889594bc576b9a407e8361a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "survey_submissions_territory_idx" ON "survey_submissions"  ("territory_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "survey_submissions_link_idx" ON "survey_submissions"  ("link_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "survey_submissions_one_online_per_person" ON "survey_submissions"  ("survey_id", "entered_by") WHERE "mode" = \'online\' AND "entered_by" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "survey_submissions_entered_by_idx" ON "survey_submissions"  ("entered_by", "survey_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "survey_submissions_survey_idx" ON "survey_submissions"  ("survey_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "survey_submission_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "submission_id" uuid NOT NULL, "previous_answers" jsonb NOT NULL, "answers" jsonb NOT NULL, "reason" text NOT NULL, "revised_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0875674187f25a8c1c154677bf2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "survey_submission_revisions_submission_idx" ON "survey_submission_revisions"  ("submission_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "survey_territories" ("survey_id" uuid NOT NULL, "territory_id" uuid NOT NULL, CONSTRAINT "PK_e32a8f83e974f05d074c17ba87d" PRIMARY KEY ("survey_id", "territory_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "survey_territories_territory_idx" ON "survey_territories"  ("territory_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "surveys" ADD CONSTRAINT "FK_b395d649c64d92997cb33f4d572" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_links" ADD CONSTRAINT "FK_139bcaecb07f70dd63dbff7ed0d" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_links" ADD CONSTRAINT "FK_ebc86e1521a878034ebd2df4f68" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_respondent_marks" ADD CONSTRAINT "FK_031853b45081e9b5ab5f75a767f" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_versions" ADD CONSTRAINT "FK_81ecfec8c0187ca21962a58fa9b" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_versions" ADD CONSTRAINT "FK_2de6e718e11ce36108871f8c5f5" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submissions" ADD CONSTRAINT "FK_1d00a77c83ec7b4d74e4ee34012" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submissions" ADD CONSTRAINT "FK_241e9eacc42230406010d8709c8" FOREIGN KEY ("survey_id", "version") REFERENCES "survey_versions"("survey_id","version") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submissions" ADD CONSTRAINT "FK_c1bb10383c21553dd1ee640a675" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submissions" ADD CONSTRAINT "FK_b3b1a406e6f6df051296c898856" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submissions" ADD CONSTRAINT "FK_787243073481159e402b4b86e36" FOREIGN KEY ("link_id") REFERENCES "survey_links"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submission_revisions" ADD CONSTRAINT "FK_656b649926f341e900eefbe0eb3" FOREIGN KEY ("submission_id") REFERENCES "survey_submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submission_revisions" ADD CONSTRAINT "FK_48f9377911daa5814a1ee26d925" FOREIGN KEY ("revised_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_territories" ADD CONSTRAINT "FK_f8f1ee299ccd0685863b9bef732" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_territories" ADD CONSTRAINT "FK_d46b830a4addb745bb9dd9c37c4" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "survey_territories" DROP CONSTRAINT "FK_d46b830a4addb745bb9dd9c37c4"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_territories" DROP CONSTRAINT "FK_f8f1ee299ccd0685863b9bef732"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submission_revisions" DROP CONSTRAINT "FK_48f9377911daa5814a1ee26d925"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submission_revisions" DROP CONSTRAINT "FK_656b649926f341e900eefbe0eb3"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submissions" DROP CONSTRAINT "FK_787243073481159e402b4b86e36"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submissions" DROP CONSTRAINT "FK_b3b1a406e6f6df051296c898856"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submissions" DROP CONSTRAINT "FK_c1bb10383c21553dd1ee640a675"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submissions" DROP CONSTRAINT "FK_241e9eacc42230406010d8709c8"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_submissions" DROP CONSTRAINT "FK_1d00a77c83ec7b4d74e4ee34012"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_versions" DROP CONSTRAINT "FK_2de6e718e11ce36108871f8c5f5"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_versions" DROP CONSTRAINT "FK_81ecfec8c0187ca21962a58fa9b"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_respondent_marks" DROP CONSTRAINT "FK_031853b45081e9b5ab5f75a767f"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_links" DROP CONSTRAINT "FK_ebc86e1521a878034ebd2df4f68"',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_links" DROP CONSTRAINT "FK_139bcaecb07f70dd63dbff7ed0d"',
    );
    await queryRunner.query(
      'ALTER TABLE "surveys" DROP CONSTRAINT "FK_b395d649c64d92997cb33f4d572"',
    );
    await queryRunner.query('DROP INDEX "public"."survey_territories_territory_idx"');
    await queryRunner.query('DROP TABLE "survey_territories"');
    await queryRunner.query('DROP INDEX "public"."survey_submission_revisions_submission_idx"');
    await queryRunner.query('DROP TABLE "survey_submission_revisions"');
    await queryRunner.query('DROP INDEX "public"."survey_submissions_survey_idx"');
    await queryRunner.query('DROP INDEX "public"."survey_submissions_entered_by_idx"');
    await queryRunner.query('DROP INDEX "public"."survey_submissions_one_online_per_person"');
    await queryRunner.query('DROP INDEX "public"."survey_submissions_link_idx"');
    await queryRunner.query('DROP INDEX "public"."survey_submissions_territory_idx"');
    await queryRunner.query('DROP TABLE "survey_submissions"');
    await queryRunner.query('DROP TABLE "survey_versions"');
    await queryRunner.query('DROP TABLE "survey_secrets"');
    await queryRunner.query('DROP TABLE "survey_respondent_marks"');
    await queryRunner.query('DROP INDEX "public"."survey_links_survey_idx"');
    await queryRunner.query('DROP INDEX "public"."survey_links_token_key"');
    await queryRunner.query('DROP TABLE "survey_links"');
    await queryRunner.query('DROP INDEX "public"."surveys_created_idx"');
    await queryRunner.query('DROP TABLE "surveys"');
  }
}
