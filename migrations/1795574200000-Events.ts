import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events (issues 12, 13): trainings, round tables, focus groups, network meetings and
 * presentations; registrations with a waitlist, sign-in sheet rows idempotent by their
 * client row id, counts without names, commitments made at closing. See docs/events.md.
 */
export class Events1795574200000 implements MigrationInterface {
  name = 'Events1795574200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "title" jsonb NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE, "territory_id" uuid NOT NULL, "place" text, "organiser_organisation_id" uuid, "capacity" integer, "language" text, "focus_group" text, "min_cell_size" integer NOT NULL DEFAULT \'5\', "status" text NOT NULL DEFAULT \'planned\', "minutes" jsonb, "findings" text, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "events_held_check" CHECK (("status" = \'held\') = ("closed_at" IS NOT NULL)), CONSTRAINT "events_ends_check" CHECK ("ends_at" >= "starts_at"), CONSTRAINT "events_min_cell_size_check" CHECK ("min_cell_size" >= 3), CONSTRAINT "events_capacity_check" CHECK ("capacity" > 0), CONSTRAINT "events_language_check" CHECK ("language" IN (\'ky\', \'ru\', \'en\', \'tg\', \'uz\')), CONSTRAINT "events_focus_group_check" CHECK (("kind" = \'focus_group\') = ("focus_group" IS NOT NULL) AND ("focus_group" IS NULL OR "focus_group" IN (\'women\', \'youth\', \'mixed\'))), CONSTRAINT "events_status_check" CHECK ("status" IN (\'planned\', \'held\')), CONSTRAINT "events_kind_check" CHECK ("kind" IN (\'training\', \'round_table\', \'focus_group\', \'network_meeting\', \'presentation\')), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "events_territory_id_idx" ON "events"  ("territory_id")');
    await queryRunner.query(
      'CREATE INDEX "events_organiser_idx" ON "events"  ("organiser_organisation_id")',
    );
    await queryRunner.query('CREATE INDEX "events_created_by_idx" ON "events"  ("created_by")');
    await queryRunner.query('CREATE INDEX "events_starts_idx" ON "events"  ("starts_at", "id")');
    await queryRunner.query(
      'CREATE TABLE "event_attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "client_row_id" text NOT NULL, "user_id" uuid, "name" text, "organisation_id" uuid, "gender" text NOT NULL, "age_band" text NOT NULL, "territory_id" uuid, "role" text NOT NULL, "recorded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "event_attendance_role_check" CHECK ("role" IN (\'participant\', \'speaker\', \'facilitator\')), CONSTRAINT "event_attendance_age_band_check" CHECK ("age_band" IN (\'<18\', \'18-29\', \'30-44\', \'45-59\', \'60+\')), CONSTRAINT "event_attendance_gender_check" CHECK ("gender" IN (\'female\', \'male\', \'undisclosed\')), CONSTRAINT "event_attendance_who_check" CHECK (("user_id" IS NULL) <> ("name" IS NULL)), CONSTRAINT "PK_f8b37ee4567724d40d0ed38d7f7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "event_attendance_organisation_id_idx" ON "event_attendance"  ("organisation_id")',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "event_attendance_user_key" ON "event_attendance"  ("event_id", "user_id") WHERE "user_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "event_attendance_client_row_key" ON "event_attendance"  ("event_id", "client_row_id")',
    );
    await queryRunner.query(
      'CREATE TABLE "event_commitments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "position" smallint NOT NULL, "text" text NOT NULL, "owner_organisation_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b15bc3f83d873e95c0929991913" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "event_commitments_owner_idx" ON "event_commitments"  ("owner_organisation_id")',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "event_commitments_event_idx" ON "event_commitments"  ("event_id", "position")',
    );
    await queryRunner.query(
      'CREATE TABLE "event_issues" ("event_id" uuid NOT NULL, "issue_id" uuid NOT NULL, CONSTRAINT "PK_4f461935f01d67eb662da6c4a3d" PRIMARY KEY ("event_id", "issue_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "event_issues_issue_id_idx" ON "event_issues"  ("issue_id")',
    );
    await queryRunner.query(
      'CREATE TABLE "event_registrations" ("event_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "event_registrations_status_check" CHECK ("status" IN (\'registered\', \'waitlisted\')), CONSTRAINT "PK_73e2fef1cef19c806dcd5a8c4fd" PRIMARY KEY ("event_id", "user_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "event_registrations_user_id_idx" ON "event_registrations"  ("user_id")',
    );
    await queryRunner.query(
      'CREATE INDEX "event_registrations_queue_idx" ON "event_registrations"  ("event_id", "status", "created_at")',
    );
    await queryRunner.query(
      'CREATE TABLE "event_tallies" ("event_id" uuid NOT NULL, "gender" text NOT NULL, "age_band" text NOT NULL, "count" integer NOT NULL, CONSTRAINT "event_tallies_count_check" CHECK ("count" >= 0), CONSTRAINT "event_tallies_age_band_check" CHECK ("age_band" IN (\'<18\', \'18-29\', \'30-44\', \'45-59\', \'60+\')), CONSTRAINT "event_tallies_gender_check" CHECK ("gender" IN (\'female\', \'male\', \'undisclosed\')), CONSTRAINT "PK_3701a2ea6c4c6359d45daa826d7" PRIMARY KEY ("event_id", "gender", "age_band"))',
    );
    await queryRunner.query(
      'ALTER TABLE "events" ADD CONSTRAINT "FK_7778a8b8909e981cd841dcff508" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "events" ADD CONSTRAINT "FK_421f780e21908e8efda6f0c34b7" FOREIGN KEY ("organiser_organisation_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "events" ADD CONSTRAINT "FK_1cfa50325bf7fed6af8a6a21acf" FOREIGN KEY ("closed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "events" ADD CONSTRAINT "FK_1a259861a2ce114f074b366eed2" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_attendance" ADD CONSTRAINT "FK_f129300b09d62003b8cc80a602c" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_attendance" ADD CONSTRAINT "FK_8c3d80e5fdbb5d27a8397f84aec" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_attendance" ADD CONSTRAINT "FK_958f9e88f6229025b808ecc16e7" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_attendance" ADD CONSTRAINT "FK_c9243279ae3ca2c131a9b362ed3" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_attendance" ADD CONSTRAINT "FK_a460561e12fd9a4c9ef4fed6f25" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_commitments" ADD CONSTRAINT "FK_661f6ec6bd9a9f6bf6756cbbf90" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_commitments" ADD CONSTRAINT "FK_860c442fb77766c0d861b11df3b" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_issues" ADD CONSTRAINT "FK_94248ff34746e30fd36cbb769a3" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_issues" ADD CONSTRAINT "FK_8f517ef31162665dadf1b7c0da7" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_registrations" ADD CONSTRAINT "FK_28b0a253c87a80a4b013c437f7d" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_registrations" ADD CONSTRAINT "FK_e42ba7c85b05c49c8de4f360543" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "event_tallies" ADD CONSTRAINT "FK_cc4b186278391c06662ac61a918" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "event_tallies" DROP CONSTRAINT "FK_cc4b186278391c06662ac61a918"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_registrations" DROP CONSTRAINT "FK_e42ba7c85b05c49c8de4f360543"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_registrations" DROP CONSTRAINT "FK_28b0a253c87a80a4b013c437f7d"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_issues" DROP CONSTRAINT "FK_8f517ef31162665dadf1b7c0da7"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_issues" DROP CONSTRAINT "FK_94248ff34746e30fd36cbb769a3"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_commitments" DROP CONSTRAINT "FK_860c442fb77766c0d861b11df3b"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_commitments" DROP CONSTRAINT "FK_661f6ec6bd9a9f6bf6756cbbf90"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_attendance" DROP CONSTRAINT "FK_a460561e12fd9a4c9ef4fed6f25"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_attendance" DROP CONSTRAINT "FK_c9243279ae3ca2c131a9b362ed3"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_attendance" DROP CONSTRAINT "FK_958f9e88f6229025b808ecc16e7"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_attendance" DROP CONSTRAINT "FK_8c3d80e5fdbb5d27a8397f84aec"',
    );
    await queryRunner.query(
      'ALTER TABLE "event_attendance" DROP CONSTRAINT "FK_f129300b09d62003b8cc80a602c"',
    );
    await queryRunner.query(
      'ALTER TABLE "events" DROP CONSTRAINT "FK_1a259861a2ce114f074b366eed2"',
    );
    await queryRunner.query(
      'ALTER TABLE "events" DROP CONSTRAINT "FK_1cfa50325bf7fed6af8a6a21acf"',
    );
    await queryRunner.query(
      'ALTER TABLE "events" DROP CONSTRAINT "FK_421f780e21908e8efda6f0c34b7"',
    );
    await queryRunner.query(
      'ALTER TABLE "events" DROP CONSTRAINT "FK_7778a8b8909e981cd841dcff508"',
    );
    await queryRunner.query('DROP TABLE "event_tallies"');
    await queryRunner.query('DROP INDEX "public"."event_registrations_queue_idx"');
    await queryRunner.query('DROP INDEX "public"."event_registrations_user_id_idx"');
    await queryRunner.query('DROP TABLE "event_registrations"');
    await queryRunner.query('DROP INDEX "public"."event_issues_issue_id_idx"');
    await queryRunner.query('DROP TABLE "event_issues"');
    await queryRunner.query('DROP INDEX "public"."event_commitments_event_idx"');
    await queryRunner.query('DROP INDEX "public"."event_commitments_owner_idx"');
    await queryRunner.query('DROP TABLE "event_commitments"');
    await queryRunner.query('DROP INDEX "public"."event_attendance_client_row_key"');
    await queryRunner.query('DROP INDEX "public"."event_attendance_user_key"');
    await queryRunner.query('DROP INDEX "public"."event_attendance_organisation_id_idx"');
    await queryRunner.query('DROP TABLE "event_attendance"');
    await queryRunner.query('DROP INDEX "public"."events_starts_idx"');
    await queryRunner.query('DROP INDEX "public"."events_created_by_idx"');
    await queryRunner.query('DROP INDEX "public"."events_organiser_idx"');
    await queryRunner.query('DROP INDEX "public"."events_territory_id_idx"');
    await queryRunner.query('DROP TABLE "events"');
  }
}
