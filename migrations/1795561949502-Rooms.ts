import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Rooms1795561949502 implements MigrationInterface {
  name = 'Rooms1795561949502';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_id" uuid, "action" text NOT NULL, "target_type" text NOT NULL, "target_id" uuid, "room_id" uuid, "details" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_log_action_idx" ON "audit_log"  ("action", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_log_actor_idx" ON "audit_log"  ("actor_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_log_time_idx" ON "audit_log"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "rooms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" text NOT NULL, "issue_id" uuid, "organisation_id" uuid, "created_by" uuid, "locked" boolean NOT NULL DEFAULT false, "slow_mode_seconds" integer NOT NULL DEFAULT \'0\', "last_seq" integer NOT NULL DEFAULT \'0\', "pinned_seq" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "rooms_name_check" CHECK (char_length("name") BETWEEN 1 AND 120), CONSTRAINT "rooms_last_seq_check" CHECK ("last_seq" >= 0), CONSTRAINT "rooms_slow_mode_check" CHECK ("slow_mode_seconds" BETWEEN 0 AND 3600), CONSTRAINT "rooms_organisation_check" CHECK (("kind" = \'organisation\') = ("organisation_id" IS NOT NULL)), CONSTRAINT "rooms_issue_check" CHECK (("kind" = \'issue\') = ("issue_id" IS NOT NULL)), CONSTRAINT "rooms_kind_check" CHECK ("kind" IN (\'network\', \'issue\', \'organisation\', \'private\')), CONSTRAINT "PK_0368a2d7c215f2d0458a54933f2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "rooms_organisation_id_idx" ON "rooms"  ("organisation_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "rooms_one_per_issue" ON "rooms"  ("issue_id") WHERE "kind" = \'issue\'',
    );
    await queryRunner.query(
      'CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "room_id" uuid NOT NULL, "seq" integer NOT NULL, "client_msg_id" uuid NOT NULL, "author_id" uuid, "body" text NOT NULL, "reply_to_seq" integer, "hidden_at" TIMESTAMP WITH TIME ZONE, "hidden_by" uuid, "hidden_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "messages_hidden_check" CHECK (("hidden_at" IS NULL) = ("hidden_reason" IS NULL)), CONSTRAINT "messages_body_check" CHECK (char_length("body") BETWEEN 1 AND 4000), CONSTRAINT "messages_seq_check" CHECK ("seq" >= 1), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "messages_author_id_idx" ON "messages"  ("author_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "messages_client_msg_key" ON "messages"  ("room_id", "author_id", "client_msg_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "messages_room_seq_key" ON "messages"  ("room_id", "seq") ',
    );
    await queryRunner.query(
      'CREATE TABLE "message_flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" uuid NOT NULL, "room_id" uuid NOT NULL, "reporter_id" uuid, "reason" text NOT NULL, "status" text NOT NULL DEFAULT \'open\', "action" text, "resolution_note" text, "resolved_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "message_flags_action_check" CHECK ("action" IN (\'dismiss\', \'hide\', \'mute\', \'ban\')), CONSTRAINT "message_flags_status_check" CHECK ("status" IN (\'open\', \'dismissed\', \'actioned\')), CONSTRAINT "PK_a5b3b8f05e0e5a58914dae6b178" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "message_flags_room_id_idx" ON "message_flags"  ("room_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "message_flags_queue_idx" ON "message_flags"  ("status", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "message_flags_one_per_reporter" ON "message_flags"  ("message_id", "reporter_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "room_members" ("room_id" uuid NOT NULL, "user_id" uuid NOT NULL, "invited" boolean NOT NULL DEFAULT false, "last_read_seq" integer NOT NULL DEFAULT \'0\', "added_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d4ea360161fd5ff21a94ae9d8a6" PRIMARY KEY ("room_id", "user_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "room_members_user_id_idx" ON "room_members"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "room_sanctions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "room_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" text NOT NULL, "until" TIMESTAMP WITH TIME ZONE, "reason" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lifted_at" TIMESTAMP WITH TIME ZONE, "lifted_by" uuid, CONSTRAINT "room_sanctions_until_check" CHECK (("kind" = \'mute\') = ("until" IS NOT NULL)), CONSTRAINT "room_sanctions_kind_check" CHECK ("kind" IN (\'mute\', \'ban\')), CONSTRAINT "PK_084de692e7d446ba49308ecd749" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "room_sanctions_one_active_ban" ON "room_sanctions"  ("room_id", "user_id") WHERE "kind" = \'ban\' AND "lifted_at" IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "room_sanctions_active_idx" ON "room_sanctions"  ("room_id", "user_id") WHERE "lifted_at" IS NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "rooms" ADD CONSTRAINT "FK_77d7eb59cd424136b37e16cc855" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rooms" ADD CONSTRAINT "FK_756acf6c5afbafc8227b540655d" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rooms" ADD CONSTRAINT "FK_4504c6b1b0ed64d82ab24597924" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "messages" ADD CONSTRAINT "FK_1dda4fc8dbeeff2ee71f0088ba0" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "messages" ADD CONSTRAINT "FK_05535bc695e9f7ee104616459d3" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "message_flags" ADD CONSTRAINT "FK_54b69dd5c05ef9347a62647a18e" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "message_flags" ADD CONSTRAINT "FK_c3969d1d331b378d736f0d046fc" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "message_flags" ADD CONSTRAINT "FK_da04e3aca38a9d3ff15a7a5ea52" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "room_members" ADD CONSTRAINT "FK_e6cf45f179a524427ddf8bacd8e" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "room_members" ADD CONSTRAINT "FK_b2d15baf5b46ed9659bd71fbb43" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "room_sanctions" ADD CONSTRAINT "FK_97e965d333d0eb84250bf2850b7" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "room_sanctions" ADD CONSTRAINT "FK_6011e8d8571163b83f2b2c94537" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "room_sanctions" DROP CONSTRAINT "FK_6011e8d8571163b83f2b2c94537"',
    );
    await queryRunner.query(
      'ALTER TABLE "room_sanctions" DROP CONSTRAINT "FK_97e965d333d0eb84250bf2850b7"',
    );
    await queryRunner.query(
      'ALTER TABLE "room_members" DROP CONSTRAINT "FK_b2d15baf5b46ed9659bd71fbb43"',
    );
    await queryRunner.query(
      'ALTER TABLE "room_members" DROP CONSTRAINT "FK_e6cf45f179a524427ddf8bacd8e"',
    );
    await queryRunner.query(
      'ALTER TABLE "message_flags" DROP CONSTRAINT "FK_da04e3aca38a9d3ff15a7a5ea52"',
    );
    await queryRunner.query(
      'ALTER TABLE "message_flags" DROP CONSTRAINT "FK_c3969d1d331b378d736f0d046fc"',
    );
    await queryRunner.query(
      'ALTER TABLE "message_flags" DROP CONSTRAINT "FK_54b69dd5c05ef9347a62647a18e"',
    );
    await queryRunner.query(
      'ALTER TABLE "messages" DROP CONSTRAINT "FK_05535bc695e9f7ee104616459d3"',
    );
    await queryRunner.query(
      'ALTER TABLE "messages" DROP CONSTRAINT "FK_1dda4fc8dbeeff2ee71f0088ba0"',
    );
    await queryRunner.query('ALTER TABLE "rooms" DROP CONSTRAINT "FK_4504c6b1b0ed64d82ab24597924"');
    await queryRunner.query('ALTER TABLE "rooms" DROP CONSTRAINT "FK_756acf6c5afbafc8227b540655d"');
    await queryRunner.query('ALTER TABLE "rooms" DROP CONSTRAINT "FK_77d7eb59cd424136b37e16cc855"');
    await queryRunner.query('DROP INDEX "public"."room_sanctions_active_idx"');
    await queryRunner.query('DROP INDEX "public"."room_sanctions_one_active_ban"');
    await queryRunner.query('DROP TABLE "room_sanctions"');
    await queryRunner.query('DROP INDEX "public"."room_members_user_id_idx"');
    await queryRunner.query('DROP TABLE "room_members"');
    await queryRunner.query('DROP INDEX "public"."message_flags_one_per_reporter"');
    await queryRunner.query('DROP INDEX "public"."message_flags_queue_idx"');
    await queryRunner.query('DROP INDEX "public"."message_flags_room_id_idx"');
    await queryRunner.query('DROP TABLE "message_flags"');
    await queryRunner.query('DROP INDEX "public"."messages_room_seq_key"');
    await queryRunner.query('DROP INDEX "public"."messages_client_msg_key"');
    await queryRunner.query('DROP INDEX "public"."messages_author_id_idx"');
    await queryRunner.query('DROP TABLE "messages"');
    await queryRunner.query('DROP INDEX "public"."rooms_one_per_issue"');
    await queryRunner.query('DROP INDEX "public"."rooms_organisation_id_idx"');
    await queryRunner.query('DROP TABLE "rooms"');
    await queryRunner.query('DROP INDEX "public"."audit_log_time_idx"');
    await queryRunner.query('DROP INDEX "public"."audit_log_actor_idx"');
    await queryRunner.query('DROP INDEX "public"."audit_log_action_idx"');
    await queryRunner.query('DROP TABLE "audit_log"');
  }
}
