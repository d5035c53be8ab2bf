import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The survey results' derived counts (src/modules/surveys/results/survey-tally.entity.ts):
 * one row per survey, question, answer, gender, age band and territory. Derived from
 * `survey_submissions`: it goes with its survey, and is recounted, never repaired by hand (no
 * key to territories, which the submissions already hold).
 */
export class SurveyTallies1795574100000 implements MigrationInterface {
  name = 'SurveyTallies1795574100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "survey_tallies" ("survey_id" uuid NOT NULL, "question_key" text NOT NULL, "answer" text NOT NULL, "gender" text NOT NULL, "age_band" text NOT NULL, "territory_id" uuid NOT NULL, "count" integer NOT NULL, CONSTRAINT "survey_tallies_count_check" CHECK ("count" >= 0), CONSTRAINT "survey_tallies_pkey" PRIMARY KEY ("survey_id", "question_key", "answer", "gender", "age_band", "territory_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "survey_tallies" ADD CONSTRAINT "survey_tallies_survey_fk" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "survey_tallies"');
  }
}
