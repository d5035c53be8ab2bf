import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795558244203 implements MigrationInterface {
  name = 'Init1795558244203';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "territories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "level" text NOT NULL, "name" jsonb NOT NULL, "parent_id" uuid, "border_status" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "territories_name_check" CHECK ("name" ?& ARRAY[\'ky\', \'ru\', \'en\']), CONSTRAINT "territories_root_check" CHECK (("level" = \'oblast\') = ("parent_id" IS NULL)), CONSTRAINT "territories_border_status_check" CHECK ("border_status" IN (\'delimited\', \'non_delimited\', \'none\')), CONSTRAINT "territories_level_check" CHECK ("level" IN (\'oblast\', \'district\', \'aiyl_aimak\', \'village\')), CONSTRAINT "PK_5fd98f342e49509ee461d86f54f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "territories_code_key" ON "territories"  ("code") ',
    );
    await queryRunner.query(
      'CREATE INDEX "territories_parent_id_idx" ON "territories"  ("parent_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "password_hash" text NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL DEFAULT \'member\', "preferred_language" text NOT NULL DEFAULT \'ky\', "position" text, "phone" text, "languages" text array NOT NULL DEFAULT \'{}\', "territory_id" uuid, "bio" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_phone_e164_check" CHECK ("phone" ~ \'^\\+[1-9][0-9]{6,14}$\'), CONSTRAINT "users_email_lower_check" CHECK ("email" = lower("email")), CONSTRAINT "users_languages_check" CHECK ("languages" <@ ARRAY[\'ky\', \'ru\', \'en\', \'tg\', \'uz\']::text[]), CONSTRAINT "users_preferred_language_check" CHECK ("preferred_language" IN (\'ky\', \'ru\', \'en\', \'tg\', \'uz\')), CONSTRAINT "users_role_check" CHECK ("role" IN (\'admin\', \'facilitator\', \'member\')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") ');
    await queryRunner.query('CREATE INDEX "users_territory_id_idx" ON "users"  ("territory_id") ');
    await queryRunner.query(
      'CREATE INDEX "users_display_name_id_idx" ON "users"  ("display_name", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, "user_agent" text, "ip" text, CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "auth_sessions_user_id_idx" ON "auth_sessions"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "refresh_tokens_session_id_idx" ON "refresh_tokens"  ("session_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" text NOT NULL, "territory_id" uuid NOT NULL, "description" text, "contacts" jsonb NOT NULL DEFAULT \'{}\', "network_status" text NOT NULL DEFAULT \'none\', "network_motivation" text, "network_applied_at" TIMESTAMP WITH TIME ZONE, "network_decision_reason" text, "network_decided_at" TIMESTAMP WITH TIME ZONE, "network_decided_by" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisations_network_status_check" CHECK ("network_status" IN (\'none\', \'pending\', \'member\', \'rejected\')), CONSTRAINT "organisations_kind_check" CHECK ("kind" IN (\'aiyl_okmotu\', \'aiyl_kenesh\', \'state_administration\', \'government_body\', \'ngo\', \'community_group\', \'international_partner\')), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "organisations_territory_id_idx" ON "organisations"  ("territory_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "organisations_name_id_idx" ON "organisations"  ("name", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "organisations_territory_name_key" ON "organisations"  ("territory_id", "name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "organisation_members" ("organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisation_members_role_check" CHECK ("role" IN (\'representative\', \'member\')), CONSTRAINT "PK_3cc6551a3f80b7aca61439ac6a5" PRIMARY KEY ("organisation_id", "user_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "organisation_members_user_id_idx" ON "organisation_members"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "organisation_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "status" text NOT NULL DEFAULT \'pending\', "invited_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "responded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "organisation_invitations_status_check" CHECK ("status" IN (\'pending\', \'accepted\', \'declined\', \'cancelled\')), CONSTRAINT "organisation_invitations_role_check" CHECK ("role" IN (\'representative\', \'member\')), CONSTRAINT "PK_d9657c67b15006843b0472d8a75" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "organisation_invitations_user_id_idx" ON "organisation_invitations"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "organisation_invitations_one_pending" ON "organisation_invitations"  ("organisation_id", "user_id") WHERE "status" = \'pending\'',
    );
    await queryRunner.query(
      'ALTER TABLE "territories" ADD CONSTRAINT "FK_d9d1dc97fe23c6703a8295f7304" FOREIGN KEY ("parent_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "users" ADD CONSTRAINT "FK_254a7c06dc7836df49e8977edd3" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "auth_sessions" ADD CONSTRAINT "FK_50ccaa6440288a06f0ba693ccc6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4" FOREIGN KEY ("session_id") REFERENCES "auth_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organisations" ADD CONSTRAINT "FK_e2a2bb47a569c4ba7a41c9180a4" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organisations" ADD CONSTRAINT "FK_bbb80b634bb472dbc8304d73786" FOREIGN KEY ("network_decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organisations" ADD CONSTRAINT "FK_183ee6dc676a368d6892dedc4f8" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_members" ADD CONSTRAINT "FK_588fd3930af62ea399879e1d7ab" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_members" ADD CONSTRAINT "FK_6d808506119822a1e47422b512a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_invitations" ADD CONSTRAINT "FK_6b846f2e4a21943d2e6c0439b75" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_invitations" ADD CONSTRAINT "FK_efa61f68f53d6ef11544fac2741" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_invitations" ADD CONSTRAINT "FK_adac91d71577c47a2ac04aca5dd" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "organisation_invitations" DROP CONSTRAINT "FK_adac91d71577c47a2ac04aca5dd"',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_invitations" DROP CONSTRAINT "FK_efa61f68f53d6ef11544fac2741"',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_invitations" DROP CONSTRAINT "FK_6b846f2e4a21943d2e6c0439b75"',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_members" DROP CONSTRAINT "FK_6d808506119822a1e47422b512a"',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_members" DROP CONSTRAINT "FK_588fd3930af62ea399879e1d7ab"',
    );
    await queryRunner.query(
      'ALTER TABLE "organisations" DROP CONSTRAINT "FK_183ee6dc676a368d6892dedc4f8"',
    );
    await queryRunner.query(
      'ALTER TABLE "organisations" DROP CONSTRAINT "FK_bbb80b634bb472dbc8304d73786"',
    );
    await queryRunner.query(
      'ALTER TABLE "organisations" DROP CONSTRAINT "FK_e2a2bb47a569c4ba7a41c9180a4"',
    );
    await queryRunner.query(
      'ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4"',
    );
    await queryRunner.query(
      'ALTER TABLE "auth_sessions" DROP CONSTRAINT "FK_50ccaa6440288a06f0ba693ccc6"',
    );
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "FK_254a7c06dc7836df49e8977edd3"');
    await queryRunner.query(
      'ALTER TABLE "territories" DROP CONSTRAINT "FK_d9d1dc97fe23c6703a8295f7304"',
    );
    await queryRunner.query('DROP INDEX "public"."organisation_invitations_one_pending"');
    await queryRunner.query('DROP INDEX "public"."organisation_invitations_user_id_idx"');
    await queryRunner.query('DROP TABLE "organisation_invitations"');
    await queryRunner.query('DROP INDEX "public"."organisation_members_user_id_idx"');
    await queryRunner.query('DROP TABLE "organisation_members"');
    await queryRunner.query('DROP INDEX "public"."organisations_territory_name_key"');
    await queryRunner.query('DROP INDEX "public"."organisations_name_id_idx"');
    await queryRunner.query('DROP INDEX "public"."organisations_territory_id_idx"');
    await queryRunner.query('DROP TABLE "organisations"');
    await queryRunner.query('DROP INDEX "public"."refresh_tokens_session_id_idx"');
    await queryRunner.query('DROP TABLE "refresh_tokens"');
    await queryRunner.query('DROP INDEX "public"."auth_sessions_user_id_idx"');
    await queryRunner.query('DROP TABLE "auth_sessions"');
    await queryRunner.query('DROP INDEX "public"."users_display_name_id_idx"');
    await queryRunner.query('DROP INDEX "public"."users_territory_id_idx"');
    await queryRunner.query('DROP INDEX "public"."users_email_key"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "public"."territories_parent_id_idx"');
    await queryRunner.query('DROP INDEX "public"."territories_code_key"');
    await queryRunner.query('DROP TABLE "territories"');
  }
}
