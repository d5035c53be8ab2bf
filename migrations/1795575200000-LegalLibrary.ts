import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legal library (issue 13, docs/legal-library.md): acts, their provisions with stable ids
 * (Akoma Ntoso style eIds), and provisions' links to issues, proposed by members and confirmed
 * by facilitators. Generated from the entities, then by hand: the acts' identity index (an
 * expression TypeORM cannot declare) and the provisions' search vector, kept by a trigger over
 * the same search keys as issues (`kenesh_key`, migration SearchFolding) so that text typed
 * without ө ү ң finds Kyrgyz text. Heading (every language) weight A, text weight B.
 */
export class LegalLibrary1795575200000 implements MigrationInterface {
  name = 'LegalLibrary1795575200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "legal_acts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" jsonb NOT NULL, "kind" text NOT NULL, "number" text, "adopted_at" date NOT NULL, "issuer" text NOT NULL, "status" text NOT NULL, "source_url" text, "is_sample" boolean NOT NULL DEFAULT false, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "legal_acts_status_check" CHECK ("status" IN (\'in_force\', \'amended\', \'repealed\')), CONSTRAINT "legal_acts_kind_check" CHECK ("kind" IN (\'constitution\', \'code\', \'law\', \'government_decree\', \'local_decision\', \'international_agreement\', \'document\')), CONSTRAINT "PK_d68dbe95aebc20bc9ce6ecc4e14" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "legal_acts_list_idx" ON "legal_acts"  ("adopted_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "legal_provisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "act_id" uuid NOT NULL, "e_id" text NOT NULL, "parent_e_id" text, "position" integer NOT NULL, "heading" jsonb NOT NULL, "text" jsonb NOT NULL, "search_vector" tsvector, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "legal_provisions_parent_check" CHECK ("parent_e_id" IS NULL OR "parent_e_id" <> "e_id"), CONSTRAINT "legal_provisions_eid_check" CHECK ("e_id" ~ \'^[a-z]{1,20}(_[0-9a-z]{1,12}(-[0-9a-z]{1,6})?)?(__[a-z]{1,20}(_[0-9a-z]{1,12}(-[0-9a-z]{1,6})?)?){0,9}$\'), CONSTRAINT "PK_f71e8f81d4942a8c52d6c30613c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "legal_provisions_search_idx" ON "legal_provisions" USING gin ("search_vector") ',
    );
    await queryRunner.query(
      'CREATE INDEX "legal_provisions_act_position_idx" ON "legal_provisions"  ("act_id", "position") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "legal_provisions_act_eid_key" ON "legal_provisions"  ("act_id", "e_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "legal_issue_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provision_id" uuid NOT NULL, "issue_id" uuid NOT NULL, "relation" text NOT NULL, "note" text, "status" text NOT NULL, "proposed_by" uuid, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "legal_issue_links_decided_check" CHECK (("status" = \'proposed\') = ("decided_at" IS NULL)), CONSTRAINT "legal_issue_links_status_check" CHECK ("status" IN (\'proposed\', \'confirmed\', \'rejected\')), CONSTRAINT "legal_issue_links_relation_check" CHECK ("relation" IN (\'grants_right\', \'assigns_duty\', \'sets_deadline\', \'gap\', \'conflict\')), CONSTRAINT "PK_a507a1a1b09fe41371cf7ea57ed" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "legal_issue_links_issue_idx" ON "legal_issue_links"  ("issue_id", "status") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "legal_issue_links_key" ON "legal_issue_links"  ("provision_id", "issue_id", "relation") ',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_acts" ADD CONSTRAINT "FK_b3bc43c7b6b1f3941483f807491" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_provisions" ADD CONSTRAINT "FK_f904aae024342e4130564b94faa" FOREIGN KEY ("act_id") REFERENCES "legal_acts"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_issue_links" ADD CONSTRAINT "FK_a8ab8a0ba2838f7952b2f630f63" FOREIGN KEY ("provision_id") REFERENCES "legal_provisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_issue_links" ADD CONSTRAINT "FK_3078b104e7308f3ed4ed752fdf4" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_issue_links" ADD CONSTRAINT "FK_e9efc5a0c899b9efa895642f734" FOREIGN KEY ("proposed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_issue_links" ADD CONSTRAINT "FK_203f35de9fe2208ce9764c2e2c3" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "legal_acts_identity_key" ON "legal_acts" ("kind", "issuer", coalesce("number", ''), "adopted_at")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION legal_provisions_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('kenesh', kenesh_key(coalesce(
            (SELECT string_agg(value, E'\\n') FROM jsonb_each_text(NEW.heading)), ''))), 'A') ||
          setweight(to_tsvector('kenesh', kenesh_key(coalesce(
            (SELECT string_agg(value, E'\\n') FROM jsonb_each_text(NEW.text)), ''))), 'B');
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER legal_provisions_search_vector BEFORE INSERT OR UPDATE OF heading, text
      ON legal_provisions FOR EACH ROW EXECUTE FUNCTION legal_provisions_search_vector()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER legal_provisions_search_vector ON legal_provisions');
    await queryRunner.query('DROP FUNCTION legal_provisions_search_vector()');
    await queryRunner.query('DROP INDEX "public"."legal_acts_identity_key"');
    await queryRunner.query(
      'ALTER TABLE "legal_issue_links" DROP CONSTRAINT "FK_203f35de9fe2208ce9764c2e2c3"',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_issue_links" DROP CONSTRAINT "FK_e9efc5a0c899b9efa895642f734"',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_issue_links" DROP CONSTRAINT "FK_3078b104e7308f3ed4ed752fdf4"',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_issue_links" DROP CONSTRAINT "FK_a8ab8a0ba2838f7952b2f630f63"',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_provisions" DROP CONSTRAINT "FK_f904aae024342e4130564b94faa"',
    );
    await queryRunner.query(
      'ALTER TABLE "legal_acts" DROP CONSTRAINT "FK_b3bc43c7b6b1f3941483f807491"',
    );
    await queryRunner.query('DROP INDEX "public"."legal_issue_links_key"');
    await queryRunner.query('DROP INDEX "public"."legal_issue_links_issue_idx"');
    await queryRunner.query('DROP TABLE "legal_issue_links"');
    await queryRunner.query('DROP INDEX "public"."legal_provisions_act_eid_key"');
    await queryRunner.query('DROP INDEX "public"."legal_provisions_act_position_idx"');
    await queryRunner.query('DROP INDEX "public"."legal_provisions_search_idx"');
    await queryRunner.query('DROP TABLE "legal_provisions"');
    await queryRunner.query('DROP INDEX "public"."legal_acts_list_idx"');
    await queryRunner.query('DROP TABLE "legal_acts"');
  }
}
