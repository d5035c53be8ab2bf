import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps `search_vector` of issues and comments in step with their text, and adds the
 * trigram index for near spellings of titles. Written by hand: triggers and operator
 * classes are outside what TypeORM's entities describe (the index is declared there with
 * `synchronize: false`). A trigger rather than a generated column, because TypeORM keeps
 * generated-column expressions in a metadata table keyed by database name, which breaks
 * its schema comparison on databases cloned from a template.
 */
export class SearchTriggers1795560900000 implements MigrationInterface {
  name = 'SearchTriggers1795560900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION issues_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('kenesh', coalesce(NEW.title, '')), 'A') ||
          setweight(to_tsvector('kenesh', coalesce(NEW.body, '')), 'B');
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER issues_search_vector BEFORE INSERT OR UPDATE OF title, body ON issues
      FOR EACH ROW EXECUTE FUNCTION issues_search_vector()`);
    await queryRunner.query(`
      CREATE FUNCTION comments_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := to_tsvector('kenesh', coalesce(NEW.body, ''));
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER comments_search_vector BEFORE INSERT OR UPDATE OF body ON comments
      FOR EACH ROW EXECUTE FUNCTION comments_search_vector()`);
    await queryRunner.query(
      'CREATE INDEX issues_title_trgm_idx ON issues USING gin (title gin_trgm_ops)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS issues_title_trgm_idx');
    await queryRunner.query('DROP TRIGGER IF EXISTS comments_search_vector ON comments');
    await queryRunner.query('DROP FUNCTION IF EXISTS comments_search_vector()');
    await queryRunner.query('DROP TRIGGER IF EXISTS issues_search_vector ON issues');
    await queryRunner.query('DROP FUNCTION IF EXISTS issues_search_vector()');
  }
}
