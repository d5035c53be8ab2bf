import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of POST requests (src/modules/idempotency): one row per user and key,
 * claimed before the handler runs and holding the answer once it is given; kept 24 hours.
 */
export class IdempotencyKeys1795565000000 implements MigrationInterface {
  name = 'IdempotencyKeys1795565000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" uuid NOT NULL, "request_method" text NOT NULL, "request_path" text NOT NULL, "request_hash" text NOT NULL, "state" text NOT NULL DEFAULT \'in_progress\', "claim_token" uuid NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "response_status" smallint, "response_headers" jsonb, "response_body" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "idempotency_keys_answer_check" CHECK (("state" = \'done\') = ("response_status" IS NOT NULL AND "completed_at" IS NOT NULL)), CONSTRAINT "idempotency_keys_state_check" CHECK ("state" IN (\'in_progress\', \'done\')), CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"  ("created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "idempotency_keys" ADD CONSTRAINT "FK_4d2181624ba2d61e76a07175198" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "idempotency_keys" DROP CONSTRAINT "FK_4d2181624ba2d61e76a07175198"',
    );
    await queryRunner.query('DROP INDEX "public"."idempotency_keys_created_at_idx"');
    await queryRunner.query('DROP TABLE "idempotency_keys"');
  }
}
