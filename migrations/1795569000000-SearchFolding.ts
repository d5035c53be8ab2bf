import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One search key for stored text and queries: `kenesh_key(text)` folds case and the letters a
 * phone keyboard lacks (ө ү ң, Tajik ҷ қ ғ ҳ ӣ ӯ, Uzbek ў, ё) and romanises Cyrillic, so that
 * "Кок-Таш", "Kok-Tash" and "Көк-Таш" are one word (rules: src/modules/search/search-key.ts,
 * whose `searchKey()` is the same function for the query side; a test compares them).
 * IMMUTABLE and written without locale-dependent calls (upper-case Cyrillic is lowered by
 * translate, not lower()), so expression indexes may use it.
 *
 * `search_vector` of issues and comments is rebuilt from the keys; the GIN indexes are
 * dropped first and built again after, which is much faster on a large table than updating
 * them row by row. The title's trigram index becomes one on the key, and members' and
 * organisations' `q` get trigram indexes on the key of the fields they search.
 */
export class SearchFolding1795569000000 implements MigrationInterface {
  name = 'SearchFolding1795569000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION kenesh_key(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT translate(
          replace(replace(replace(replace(replace(replace(
            translate(
              replace(replace(replace(replace(replace(replace(replace(replace(
                translate(lower(t),
                  'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӨҮҢҶҚҒҲӢӮЎÖÜÑĞŞÇёөүңҷқғҳӣӯў',
                  'абвгдеежзийклмнопрстуфхцчшщъыьэюяоунчкгхиуоöüñğşçеоунчкгхиуо'),
                'дж', 'zh'), 'ж', 'zh'), 'щ', 'sh'), 'ш', 'sh'), 'ч', 'ch'), 'ц', 'ts'), 'ю', 'yu'), 'я', 'ya'),
              'абвгдезийклмнопрстуфхыэъь', 'abvgdeziyklmnoprstufhye'),
            'kh', 'h'), 'ş', 'sh'), 'ç', 'ch'), 'j', 'zh'), 'ng', 'n'), 'x', 'h'),
          'yqöüñğıʻ’''\`', 'ikoungi')
      $$`);
    // The words of a search, grouped: each group a websearch string (a word, or a word OR its
    // thesaurus terms), keyed, and the groups ANDed.
    await queryRunner.query(`
      CREATE FUNCTION kenesh_query(groups text[]) RETURNS tsquery
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      DECLARE
        result tsquery;
        g text;
      BEGIN
        FOREACH g IN ARRAY groups LOOP
          result := CASE WHEN result IS NULL THEN websearch_to_tsquery('kenesh', kenesh_key(g))
                         ELSE result && websearch_to_tsquery('kenesh', kenesh_key(g)) END;
        END LOOP;
        RETURN coalesce(result, ''::tsquery);
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION issues_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('kenesh', kenesh_key(coalesce(NEW.title, ''))), 'A') ||
          setweight(to_tsvector('kenesh', kenesh_key(coalesce(NEW.body, ''))), 'B');
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION comments_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := to_tsvector('kenesh', kenesh_key(coalesce(NEW.body, '')));
        RETURN NEW;
      END $$`);

    await queryRunner.query('DROP INDEX "issues_search_idx"');
    await queryRunner.query(`UPDATE issues SET search_vector =
      setweight(to_tsvector('kenesh', kenesh_key(title)), 'A') ||
      setweight(to_tsvector('kenesh', kenesh_key(body)), 'B')`);
    await queryRunner.query(
      'CREATE INDEX "issues_search_idx" ON "issues" USING GIN ("search_vector")',
    );
    await queryRunner.query('DROP INDEX "comments_search_idx"');
    await queryRunner.query(
      `UPDATE comments SET search_vector = to_tsvector('kenesh', kenesh_key(body))`,
    );
    await queryRunner.query(
      'CREATE INDEX "comments_search_idx" ON "comments" USING GIN ("search_vector")',
    );

    await queryRunner.query('DROP INDEX "issues_title_trgm_idx"');
    await queryRunner.query(
      'CREATE INDEX "issues_title_key_trgm_idx" ON "issues" USING gin (kenesh_key(title) gin_trgm_ops)',
    );
    await queryRunner.query(
      `CREATE INDEX "users_search_key_trgm_idx" ON "users" USING gin (${USER_KEY} gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "organisations_search_key_trgm_idx" ON "organisations" USING gin (${ORGANISATION_KEY} gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // IF EXISTS: dropping a column they read (users.bio, organisations.description) drops them.
    await queryRunner.query('DROP INDEX IF EXISTS "organisations_search_key_trgm_idx"');
    await queryRunner.query('DROP INDEX IF EXISTS "users_search_key_trgm_idx"');
    await queryRunner.query('DROP INDEX "issues_title_key_trgm_idx"');
    await queryRunner.query(
      'CREATE INDEX "issues_title_trgm_idx" ON "issues" USING gin (title gin_trgm_ops)',
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION issues_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('kenesh', coalesce(NEW.title, '')), 'A') ||
          setweight(to_tsvector('kenesh', coalesce(NEW.body, '')), 'B');
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION comments_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := to_tsvector('kenesh', coalesce(NEW.body, ''));
        RETURN NEW;
      END $$`);
    await queryRunner.query(`UPDATE issues SET search_vector =
      setweight(to_tsvector('kenesh', title), 'A') || setweight(to_tsvector('kenesh', body), 'B')`);
    await queryRunner.query(`UPDATE comments SET search_vector = to_tsvector('kenesh', body)`);
    await queryRunner.query('DROP FUNCTION kenesh_query(text[])');
    await queryRunner.query('DROP FUNCTION kenesh_key(text)');
  }
}

/** What `GET /members?q=` matches (users.service.ts): name, position and bio, one line each. */
const USER_KEY = `kenesh_key(display_name || E'\\n' || coalesce(position, '') || E'\\n' || coalesce(bio, ''))`;
/** What `GET /organisations?q=` matches (organisations.service.ts): name and description. */
const ORGANISATION_KEY = `kenesh_key(name || E'\\n' || coalesce(description, ''))`;
