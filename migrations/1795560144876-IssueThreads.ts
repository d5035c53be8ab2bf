import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IssueThreads1795560144876 implements MigrationInterface {
  name = 'IssueThreads1795560144876';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "issues" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "body" text NOT NULL, "category" text NOT NULL, "decision_level" text NOT NULL, "status" text NOT NULL DEFAULT \'raised\', "language" text NOT NULL DEFAULT \'ky\', "author_id" uuid, "organisation_id" uuid, "merged_into_id" uuid, "endorsement_count" integer NOT NULL DEFAULT \'0\', "comment_count" integer NOT NULL DEFAULT \'0\', "follower_count" integer NOT NULL DEFAULT \'0\', "last_activity_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "search_vector" tsvector, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "issues_counts_check" CHECK ("endorsement_count" >= 0 AND "comment_count" >= 0 AND "follower_count" >= 0), CONSTRAINT "issues_not_merged_into_self_check" CHECK ("merged_into_id" <> "id"), CONSTRAINT "issues_merged_check" CHECK (("status" = \'merged\') = ("merged_into_id" IS NOT NULL)), CONSTRAINT "issues_body_length_check" CHECK (char_length("body") BETWEEN 1 AND 20000), CONSTRAINT "issues_title_length_check" CHECK (char_length("title") BETWEEN 3 AND 200), CONSTRAINT "issues_language_check" CHECK ("language" IN (\'ky\', \'ru\', \'en\', \'tg\', \'uz\')), CONSTRAINT "issues_decision_level_check" CHECK ("decision_level" IN (\'aiyl_aimak\', \'district\', \'oblast\', \'national\', \'intergovernmental\')), CONSTRAINT "issues_category_check" CHECK ("category" IN (\'water_irrigation\', \'land_pasture\', \'roads_transport\', \'border_crossing\', \'documents_citizenship\', \'trade_markets\', \'education\', \'health\', \'security_incidents\', \'interethnic_relations\', \'infrastructure\', \'other\')), CONSTRAINT "issues_status_check" CHECK ("status" IN (\'raised\', \'discussing\', \'prioritised\', \'escalated\', \'answered\', \'resolved\', \'closed\', \'merged\')), CONSTRAINT "PK_9d8ecbbeff46229c700f0449257" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "issues_category_idx" ON "issues"  ("category") ');
    await queryRunner.query(
      'CREATE INDEX "issues_decision_level_idx" ON "issues"  ("decision_level") ',
    );
    await queryRunner.query('CREATE INDEX "issues_status_idx" ON "issues"  ("status") ');
    await queryRunner.query('CREATE INDEX "issues_author_id_idx" ON "issues"  ("author_id") ');
    await queryRunner.query(
      'CREATE INDEX "issues_organisation_id_idx" ON "issues"  ("organisation_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "issues_merged_into_id_idx" ON "issues"  ("merged_into_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "issues_search_idx" ON "issues" USING gin ("search_vector") ',
    );
    await queryRunner.query(
      'CREATE INDEX "issues_active_idx" ON "issues"  ("last_activity_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "issues_endorsed_idx" ON "issues"  ("endorsement_count", "created_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "issues_newest_idx" ON "issues"  ("created_at", "id") ');
    await queryRunner.query(
      'CREATE TABLE "comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issue_id" uuid NOT NULL, "author_id" uuid, "parent_id" uuid, "body" text NOT NULL, "language" text NOT NULL DEFAULT \'ky\', "edited_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "hidden_at" TIMESTAMP WITH TIME ZONE, "hidden_by" uuid, "hidden_reason" text, "search_vector" tsvector, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "comments_hidden_check" CHECK (("hidden_at" IS NULL) = ("hidden_reason" IS NULL)), CONSTRAINT "comments_not_own_parent_check" CHECK ("parent_id" <> "id"), CONSTRAINT "comments_body_length_check" CHECK (char_length("body") <= 10000), CONSTRAINT "comments_language_check" CHECK ("language" IN (\'ky\', \'ru\', \'en\', \'tg\', \'uz\')), CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "comments_author_id_idx" ON "comments"  ("author_id") ');
    await queryRunner.query('CREATE INDEX "comments_parent_id_idx" ON "comments"  ("parent_id") ');
    await queryRunner.query(
      'CREATE INDEX "comments_search_idx" ON "comments" USING gin ("search_vector") ',
    );
    await queryRunner.query(
      'CREATE INDEX "comments_issue_idx" ON "comments"  ("issue_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "comment_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "comment_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc0332e55296986d300413ff053" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "comment_revisions_comment_idx" ON "comment_revisions"  ("comment_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "escalations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issue_id" uuid NOT NULL, "authority_organisation_id" uuid NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reference" text, "response_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "response_text" text, "responded_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "escalations_due_check" CHECK ("response_due_at" >= "sent_at"), CONSTRAINT "escalations_answer_check" CHECK (("responded_at" IS NULL) = ("response_text" IS NULL)), CONSTRAINT "PK_652a394609addaa4b0f2b3032a1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "escalations_authority_idx" ON "escalations"  ("authority_organisation_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "escalations_open_due_idx" ON "escalations"  ("response_due_at") WHERE "responded_at" IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "escalations_issue_idx" ON "escalations"  ("issue_id", "sent_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "endorsements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issue_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "endorsed_by" uuid, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c7a21592bc1b39fabf5ba56f738" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "endorsements_organisation_id_idx" ON "endorsements"  ("organisation_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "endorsements_issue_organisation_key" ON "endorsements"  ("issue_id", "organisation_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "issue_follows" ("issue_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dcb482b93c297df276eaaef7b19" PRIMARY KEY ("issue_id", "user_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "issue_follows_user_id_idx" ON "issue_follows"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "issue_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issue_id" uuid NOT NULL, "editor_id" uuid, "changes" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ae018d9cc0cc5ced292a6bf6840" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "issue_revisions_issue_idx" ON "issue_revisions"  ("issue_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "issue_territories" ("issue_id" uuid NOT NULL, "territory_id" uuid NOT NULL, CONSTRAINT "PK_9fe0e95f2dae3424038483ac3f9" PRIMARY KEY ("issue_id", "territory_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "issue_territories_territory_id_idx" ON "issue_territories"  ("territory_id") ',
    );
    await queryRunner.query(
      "CREATE TABLE \"issue_transitions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"issue_id\" uuid NOT NULL, \"from_status\" text, \"to_status\" text NOT NULL, \"actor_id\" uuid, \"note\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"issue_transitions_from_check\" CHECK (\"from_status\" IN ('raised', 'discussing', 'prioritised', 'escalated', 'answered', 'resolved', 'closed', 'merged')), CONSTRAINT \"issue_transitions_to_check\" CHECK (\"to_status\" IN ('raised', 'discussing', 'prioritised', 'escalated', 'answered', 'resolved', 'closed', 'merged')), CONSTRAINT \"PK_809d67b868db9f9afb7a3b83891\" PRIMARY KEY (\"id\"))",
    );
    await queryRunner.query(
      'CREATE INDEX "issue_transitions_issue_idx" ON "issue_transitions"  ("issue_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "kind" text NOT NULL, "issue_id" uuid, "actor_id" uuid, "payload" jsonb NOT NULL DEFAULT \'{}\', "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notifications_kind_check" CHECK ("kind" IN (\'comment\', \'mention\', \'status_changed\', \'endorsement\', \'escalation_answered\', \'merged\')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "notifications_issue_id_idx" ON "notifications"  ("issue_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "notifications_unread_idx" ON "notifications"  ("recipient_id") WHERE "read_at" IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "notifications_recipient_idx" ON "notifications"  ("recipient_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "issues" ADD CONSTRAINT "FK_b7339f9dd3d78e082725d5aded9" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "issues" ADD CONSTRAINT "FK_024d744a8260f9e55cd1c22e5fe" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "issues" ADD CONSTRAINT "FK_50c0f8ee1a053beea3fa2ec7613" FOREIGN KEY ("merged_into_id") REFERENCES "issues"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" ADD CONSTRAINT "FK_4ce924bcd63bee0fccc7fe1d8f6" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" ADD CONSTRAINT "FK_e6d38899c31997c45d128a8973b" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" ADD CONSTRAINT "FK_d6f93329801a93536da4241e386" FOREIGN KEY ("parent_id") REFERENCES "comments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" ADD CONSTRAINT "FK_38518929e5c43de3805ed49bdc6" FOREIGN KEY ("hidden_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "comment_revisions" ADD CONSTRAINT "FK_4eecc11a07ab668994e90b29e2e" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "escalations" ADD CONSTRAINT "FK_cfd02c36f0773749a5be6e5429a" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "escalations" ADD CONSTRAINT "FK_50a002dd63c45a6ed44f6e5c534" FOREIGN KEY ("authority_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "escalations" ADD CONSTRAINT "FK_f5c127d9a81e5c8c0fb032957b5" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "endorsements" ADD CONSTRAINT "FK_f92c8f34d1f6415927db01ebc7d" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "endorsements" ADD CONSTRAINT "FK_627d76907ee45761b315df094ab" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "endorsements" ADD CONSTRAINT "FK_5b1c77db3d8788ab5d304a3a5a5" FOREIGN KEY ("endorsed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_follows" ADD CONSTRAINT "FK_3d02f4ba805627e1c6287e469d5" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_follows" ADD CONSTRAINT "FK_03aba7d93ed41fa916427fd00bc" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_revisions" ADD CONSTRAINT "FK_f0e39c0450c662d61abfc17369d" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_revisions" ADD CONSTRAINT "FK_0d32757d2cead5547c8f384a72e" FOREIGN KEY ("editor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_territories" ADD CONSTRAINT "FK_799938d8f835f3afe31fb229e22" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_territories" ADD CONSTRAINT "FK_ebd5ce837e9c0f895374019c5aa" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_transitions" ADD CONSTRAINT "FK_d396a981ab72969f55cb3867e88" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_transitions" ADD CONSTRAINT "FK_88fe2fddb7af4f7b04ed4b7f806" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ADD CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ADD CONSTRAINT "FK_3947aa0208fb54594ba1139e592" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ADD CONSTRAINT "FK_20f8b51fd9655c0b69feed5efc6" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "notifications" DROP CONSTRAINT "FK_20f8b51fd9655c0b69feed5efc6"',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" DROP CONSTRAINT "FK_3947aa0208fb54594ba1139e592"',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" DROP CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d"',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_transitions" DROP CONSTRAINT "FK_88fe2fddb7af4f7b04ed4b7f806"',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_transitions" DROP CONSTRAINT "FK_d396a981ab72969f55cb3867e88"',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_territories" DROP CONSTRAINT "FK_ebd5ce837e9c0f895374019c5aa"',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_territories" DROP CONSTRAINT "FK_799938d8f835f3afe31fb229e22"',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_revisions" DROP CONSTRAINT "FK_0d32757d2cead5547c8f384a72e"',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_revisions" DROP CONSTRAINT "FK_f0e39c0450c662d61abfc17369d"',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_follows" DROP CONSTRAINT "FK_03aba7d93ed41fa916427fd00bc"',
    );
    await queryRunner.query(
      'ALTER TABLE "issue_follows" DROP CONSTRAINT "FK_3d02f4ba805627e1c6287e469d5"',
    );
    await queryRunner.query(
      'ALTER TABLE "endorsements" DROP CONSTRAINT "FK_5b1c77db3d8788ab5d304a3a5a5"',
    );
    await queryRunner.query(
      'ALTER TABLE "endorsements" DROP CONSTRAINT "FK_627d76907ee45761b315df094ab"',
    );
    await queryRunner.query(
      'ALTER TABLE "endorsements" DROP CONSTRAINT "FK_f92c8f34d1f6415927db01ebc7d"',
    );
    await queryRunner.query(
      'ALTER TABLE "escalations" DROP CONSTRAINT "FK_f5c127d9a81e5c8c0fb032957b5"',
    );
    await queryRunner.query(
      'ALTER TABLE "escalations" DROP CONSTRAINT "FK_50a002dd63c45a6ed44f6e5c534"',
    );
    await queryRunner.query(
      'ALTER TABLE "escalations" DROP CONSTRAINT "FK_cfd02c36f0773749a5be6e5429a"',
    );
    await queryRunner.query(
      'ALTER TABLE "comment_revisions" DROP CONSTRAINT "FK_4eecc11a07ab668994e90b29e2e"',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" DROP CONSTRAINT "FK_38518929e5c43de3805ed49bdc6"',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" DROP CONSTRAINT "FK_d6f93329801a93536da4241e386"',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" DROP CONSTRAINT "FK_e6d38899c31997c45d128a8973b"',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" DROP CONSTRAINT "FK_4ce924bcd63bee0fccc7fe1d8f6"',
    );
    await queryRunner.query(
      'ALTER TABLE "issues" DROP CONSTRAINT "FK_50c0f8ee1a053beea3fa2ec7613"',
    );
    await queryRunner.query(
      'ALTER TABLE "issues" DROP CONSTRAINT "FK_024d744a8260f9e55cd1c22e5fe"',
    );
    await queryRunner.query(
      'ALTER TABLE "issues" DROP CONSTRAINT "FK_b7339f9dd3d78e082725d5aded9"',
    );
    await queryRunner.query('DROP INDEX "public"."notifications_recipient_idx"');
    await queryRunner.query('DROP INDEX "public"."notifications_unread_idx"');
    await queryRunner.query('DROP INDEX "public"."notifications_issue_id_idx"');
    await queryRunner.query('DROP TABLE "notifications"');
    await queryRunner.query('DROP INDEX "public"."issue_transitions_issue_idx"');
    await queryRunner.query('DROP TABLE "issue_transitions"');
    await queryRunner.query('DROP INDEX "public"."issue_territories_territory_id_idx"');
    await queryRunner.query('DROP TABLE "issue_territories"');
    await queryRunner.query('DROP INDEX "public"."issue_revisions_issue_idx"');
    await queryRunner.query('DROP TABLE "issue_revisions"');
    await queryRunner.query('DROP INDEX "public"."issue_follows_user_id_idx"');
    await queryRunner.query('DROP TABLE "issue_follows"');
    await queryRunner.query('DROP INDEX "public"."endorsements_issue_organisation_key"');
    await queryRunner.query('DROP INDEX "public"."endorsements_organisation_id_idx"');
    await queryRunner.query('DROP TABLE "endorsements"');
    await queryRunner.query('DROP INDEX "public"."escalations_issue_idx"');
    await queryRunner.query('DROP INDEX "public"."escalations_open_due_idx"');
    await queryRunner.query('DROP INDEX "public"."escalations_authority_idx"');
    await queryRunner.query('DROP TABLE "escalations"');
    await queryRunner.query('DROP INDEX "public"."comment_revisions_comment_idx"');
    await queryRunner.query('DROP TABLE "comment_revisions"');
    await queryRunner.query('DROP INDEX "public"."comments_issue_idx"');
    await queryRunner.query('DROP INDEX "public"."comments_search_idx"');
    await queryRunner.query('DROP INDEX "public"."comments_parent_id_idx"');
    await queryRunner.query('DROP INDEX "public"."comments_author_id_idx"');
    await queryRunner.query('DROP TABLE "comments"');
    await queryRunner.query('DROP INDEX "public"."issues_newest_idx"');
    await queryRunner.query('DROP INDEX "public"."issues_endorsed_idx"');
    await queryRunner.query('DROP INDEX "public"."issues_active_idx"');
    await queryRunner.query('DROP INDEX "public"."issues_search_idx"');
    await queryRunner.query('DROP INDEX "public"."issues_merged_into_id_idx"');
    await queryRunner.query('DROP INDEX "public"."issues_organisation_id_idx"');
    await queryRunner.query('DROP INDEX "public"."issues_author_id_idx"');
    await queryRunner.query('DROP INDEX "public"."issues_status_idx"');
    await queryRunner.query('DROP INDEX "public"."issues_decision_level_idx"');
    await queryRunner.query('DROP INDEX "public"."issues_category_idx"');
    await queryRunner.query('DROP TABLE "issues"');
  }
}
