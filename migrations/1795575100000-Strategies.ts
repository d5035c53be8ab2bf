import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Strategies (issue 13): objectives with weights, actions with an owner organisation, a target
 * authority, a due date and a timeline of updates; an action may be made from an event's
 * commitment (at most one per commitment). The notifications' kinds gain `action_overdue`
 * (TypeORM's diff does not see a changed CHECK: written by hand). See docs/strategies.md.
 */
export class Strategies1795575100000 implements MigrationInterface {
  name = 'Strategies1795575100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"',
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("kind" IN ('comment', 'mention', 'status_changed', 'endorsement', 'escalation_answered', 'merged', 'action_overdue'))`,
    );
    await queryRunner.query(
      'CREATE TABLE "strategies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" jsonb NOT NULL, "goal" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9a0d363ddf5b40d080147363238" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "strategies_created_by_idx" ON "strategies"  ("created_by") ',
    );
    await queryRunner.query(
      'CREATE INDEX "strategies_newest_idx" ON "strategies"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "strategy_issues" ("strategy_id" uuid NOT NULL, "issue_id" uuid NOT NULL, CONSTRAINT "PK_39421268bd737af93717d8ec2ce" PRIMARY KEY ("strategy_id", "issue_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "strategy_issues_issue_id_idx" ON "strategy_issues"  ("issue_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "strategy_territories" ("strategy_id" uuid NOT NULL, "territory_id" uuid NOT NULL, CONSTRAINT "PK_159b3f7769fd3dc5f1939af2af1" PRIMARY KEY ("strategy_id", "territory_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "strategy_territories_territory_id_idx" ON "strategy_territories"  ("territory_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "strategy_objectives" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "strategy_id" uuid NOT NULL, "position" integer NOT NULL, "title" jsonb NOT NULL, "weight" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "strategy_objectives_weight_check" CHECK ("weight" BETWEEN 1 AND 100), CONSTRAINT "PK_b48d484e2e7c1956def59a975bf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "strategy_objectives_position_idx" ON "strategy_objectives"  ("strategy_id", "position") ',
    );
    await queryRunner.query(
      'CREATE TABLE "strategy_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "strategy_id" uuid NOT NULL, "objective_id" uuid NOT NULL, "title" jsonb NOT NULL, "owner_organisation_id" uuid NOT NULL, "target_authority_organisation_id" uuid, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "weight" integer NOT NULL DEFAULT \'1\', "status" text NOT NULL DEFAULT \'planned\', "progress" smallint NOT NULL DEFAULT \'0\', "commitment_id" uuid, "overdue_notified_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "strategy_actions_weight_check" CHECK ("weight" BETWEEN 1 AND 100), CONSTRAINT "strategy_actions_done_check" CHECK ("status" <> \'done\' OR "progress" = 100), CONSTRAINT "strategy_actions_progress_check" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "strategy_actions_status_check" CHECK ("status" IN (\'planned\', \'in_progress\', \'done\', \'blocked\', \'dropped\')), CONSTRAINT "PK_ca30a513b7f5ed2498fa8437aed" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "strategy_actions_strategy_idx" ON "strategy_actions"  ("strategy_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "strategy_actions_owner_idx" ON "strategy_actions"  ("owner_organisation_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "strategy_actions_target_idx" ON "strategy_actions"  ("target_authority_organisation_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "strategy_actions_commitment_idx" ON "strategy_actions"  ("commitment_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "strategy_actions_open_due_idx" ON "strategy_actions"  ("due_at") WHERE "status" NOT IN (\'done\', \'dropped\')',
    );
    await queryRunner.query(
      'CREATE INDEX "strategy_actions_objective_idx" ON "strategy_actions"  ("objective_id", "due_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "strategy_action_issues" ("action_id" uuid NOT NULL, "issue_id" uuid NOT NULL, CONSTRAINT "PK_313c0a5809721265ab98e1d44bd" PRIMARY KEY ("action_id", "issue_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "strategy_action_issues_issue_id_idx" ON "strategy_action_issues"  ("issue_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "strategy_action_updates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_id" uuid NOT NULL, "author_id" uuid, "note" text, "progress" smallint NOT NULL, "status" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "strategy_action_updates_progress_check" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "strategy_action_updates_status_check" CHECK ("status" IN (\'planned\', \'in_progress\', \'done\', \'blocked\', \'dropped\')), CONSTRAINT "PK_f0f3b4dd1a5a0106cba51a95896" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "strategy_action_updates_author_idx" ON "strategy_action_updates"  ("author_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "strategy_action_updates_action_idx" ON "strategy_action_updates"  ("action_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "strategies" ADD CONSTRAINT "FK_0118cd40c3be6124f2d5f8ad3c4" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_issues" ADD CONSTRAINT "FK_b7dca4fb8fe135a383b766f1a64" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_issues" ADD CONSTRAINT "FK_a458ff4be61122899e3ac610ff8" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_territories" ADD CONSTRAINT "FK_a0636cfd47e826611c6ed733ed7" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_territories" ADD CONSTRAINT "FK_20a982f79435df9a8e8a2f8411e" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_objectives" ADD CONSTRAINT "FK_e4d5e16aeb028335cff49cbd1ce" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" ADD CONSTRAINT "FK_3db04574531d36834b2ef0b51cf" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" ADD CONSTRAINT "FK_a7d27495c23258bf025b0205233" FOREIGN KEY ("objective_id") REFERENCES "strategy_objectives"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" ADD CONSTRAINT "FK_82b99cada4572b8c68038634893" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" ADD CONSTRAINT "FK_f1e36ce054158245438abb0dc86" FOREIGN KEY ("target_authority_organisation_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" ADD CONSTRAINT "FK_53c20652c1749c54f491e058ef7" FOREIGN KEY ("commitment_id") REFERENCES "event_commitments"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" ADD CONSTRAINT "FK_e93b06e347cbe3b7d0a43701e19" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_action_issues" ADD CONSTRAINT "FK_b10207e6f532fbd4d943097cdb7" FOREIGN KEY ("action_id") REFERENCES "strategy_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_action_issues" ADD CONSTRAINT "FK_443f96f07947a6d23ef031f656d" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_action_updates" ADD CONSTRAINT "FK_b6dd04c8623d59ffc56ce718e2b" FOREIGN KEY ("action_id") REFERENCES "strategy_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_action_updates" ADD CONSTRAINT "FK_d4b6dc5226ba69d014771537da7" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "strategy_action_updates" DROP CONSTRAINT "FK_d4b6dc5226ba69d014771537da7"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_action_updates" DROP CONSTRAINT "FK_b6dd04c8623d59ffc56ce718e2b"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_action_issues" DROP CONSTRAINT "FK_443f96f07947a6d23ef031f656d"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_action_issues" DROP CONSTRAINT "FK_b10207e6f532fbd4d943097cdb7"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" DROP CONSTRAINT "FK_e93b06e347cbe3b7d0a43701e19"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" DROP CONSTRAINT "FK_53c20652c1749c54f491e058ef7"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" DROP CONSTRAINT "FK_f1e36ce054158245438abb0dc86"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" DROP CONSTRAINT "FK_82b99cada4572b8c68038634893"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" DROP CONSTRAINT "FK_a7d27495c23258bf025b0205233"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_actions" DROP CONSTRAINT "FK_3db04574531d36834b2ef0b51cf"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_objectives" DROP CONSTRAINT "FK_e4d5e16aeb028335cff49cbd1ce"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_territories" DROP CONSTRAINT "FK_20a982f79435df9a8e8a2f8411e"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_territories" DROP CONSTRAINT "FK_a0636cfd47e826611c6ed733ed7"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_issues" DROP CONSTRAINT "FK_a458ff4be61122899e3ac610ff8"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategy_issues" DROP CONSTRAINT "FK_b7dca4fb8fe135a383b766f1a64"',
    );
    await queryRunner.query(
      'ALTER TABLE "strategies" DROP CONSTRAINT "FK_0118cd40c3be6124f2d5f8ad3c4"',
    );
    await queryRunner.query('DROP INDEX "public"."strategy_action_updates_action_idx"');
    await queryRunner.query('DROP INDEX "public"."strategy_action_updates_author_idx"');
    await queryRunner.query('DROP TABLE "strategy_action_updates"');
    await queryRunner.query('DROP INDEX "public"."strategy_action_issues_issue_id_idx"');
    await queryRunner.query('DROP TABLE "strategy_action_issues"');
    await queryRunner.query('DROP INDEX "public"."strategy_actions_objective_idx"');
    await queryRunner.query('DROP INDEX "public"."strategy_actions_open_due_idx"');
    await queryRunner.query('DROP INDEX "public"."strategy_actions_commitment_idx"');
    await queryRunner.query('DROP INDEX "public"."strategy_actions_target_idx"');
    await queryRunner.query('DROP INDEX "public"."strategy_actions_owner_idx"');
    await queryRunner.query('DROP INDEX "public"."strategy_actions_strategy_idx"');
    await queryRunner.query('DROP TABLE "strategy_actions"');
    await queryRunner.query('DROP INDEX "public"."strategy_objectives_position_idx"');
    await queryRunner.query('DROP TABLE "strategy_objectives"');
    await queryRunner.query('DROP INDEX "public"."strategy_territories_territory_id_idx"');
    await queryRunner.query('DROP TABLE "strategy_territories"');
    await queryRunner.query('DROP INDEX "public"."strategy_issues_issue_id_idx"');
    await queryRunner.query('DROP TABLE "strategy_issues"');
    await queryRunner.query('DROP INDEX "public"."strategies_newest_idx"');
    await queryRunner.query('DROP INDEX "public"."strategies_created_by_idx"');
    await queryRunner.query('DROP TABLE "strategies"');
    await queryRunner.query(`DELETE FROM "notifications" WHERE "kind" = 'action_overdue'`);
    await queryRunner.query(
      'ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"',
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("kind" IN ('comment', 'mention', 'status_changed', 'endorsement', 'escalation_answered', 'merged'))`,
    );
  }
}
