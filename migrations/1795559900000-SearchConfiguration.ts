import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search for Kyrgyz, Russian and Latin text. PostgreSQL has no Kyrgyz stemmer, so
 * the `kenesh` configuration is `simple` (lower-case, no stemming) with `unaccent` in front,
 * which folds accents and ё→е. `pg_trgm` matches near spellings of title words
 * (Самаркандэк finds Самаркандек).
 * Both extensions are trusted: a database owner may create them without superuser rights.
 */
export class SearchConfiguration1795559900000 implements MigrationInterface {
  name = 'SearchConfiguration1795559900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await queryRunner.query('CREATE TEXT SEARCH CONFIGURATION kenesh (COPY = simple)');
    await queryRunner.query(
      'ALTER TEXT SEARCH CONFIGURATION kenesh ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TEXT SEARCH CONFIGURATION IF EXISTS kenesh');
    await queryRunner.query('DROP EXTENSION IF EXISTS unaccent');
    await queryRunner.query('DROP EXTENSION IF EXISTS pg_trgm');
  }
}
