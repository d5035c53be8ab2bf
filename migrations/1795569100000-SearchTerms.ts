import type { MigrationInterface, QueryRunner } from 'typeorm';
import { searchTermKey } from '../src/modules/search/search-key.js';
import { SEARCH_TERMS_SEED } from './data/search-terms.js';

const SEED_LANGUAGES = ['ky', 'ru', 'tg', 'uz', 'en'] as const;

/**
 * The thesaurus that lets "вода" find "суу": concepts with their terms per language
 * (`search_concepts.terms`, `{ "ky": ["суу"], "ru": ["вода"], … }`) and the search key of every
 * term (`search_term_keys`), whose primary key makes a term belong to one concept only.
 * Seeded from migrations/data/search-terms.ts; admins edit it through /search-terms. The keys
 * are computed here with the application's `searchTermKey()` (the same rules as SQL's
 * `kenesh_key`), since the query side looks them up with it.
 */
export class SearchTerms1795569100000 implements MigrationInterface {
  name = 'SearchTerms1795569100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "search_concepts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "terms" jsonb NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "search_concepts_name_length_check" CHECK (char_length("name") BETWEEN 1 AND 100),
      CONSTRAINT "search_concepts_terms_check" CHECK (jsonb_typeof("terms") = 'object'),
      CONSTRAINT "PK_search_concepts" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX "search_concepts_name_key" ON "search_concepts" ("name")',
    );
    await queryRunner.query(`CREATE TABLE "search_term_keys" (
      "key" text NOT NULL,
      "concept_id" uuid NOT NULL,
      CONSTRAINT "search_term_keys_key_length_check" CHECK (char_length("key") BETWEEN 1 AND 200),
      CONSTRAINT "PK_search_term_keys" PRIMARY KEY ("key"))`);
    await queryRunner.query(
      'CREATE INDEX "search_term_keys_concept_id_idx" ON "search_term_keys" ("concept_id")',
    );
    await queryRunner.query(
      'ALTER TABLE "search_term_keys" ADD CONSTRAINT "search_term_keys_concept_id_fkey" FOREIGN KEY ("concept_id") REFERENCES "search_concepts"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );

    // Two statements for the whole seed: each row is one round trip, and the migration runs
    // again in tests that revert and re-apply every migration.
    const names: string[] = [];
    const termsJson: string[] = [];
    const keys: string[] = [];
    const keyNames: string[] = [];
    for (const [name, ...perLanguage] of SEARCH_TERMS_SEED) {
      const terms: Record<string, string[]> = {};
      SEED_LANGUAGES.forEach((language, i) => {
        const list = (perLanguage[i] ?? '')
          .split('|')
          .map((t) => t.trim())
          .filter(Boolean);
        if (list.length) terms[language] = list;
      });
      names.push(name);
      termsJson.push(JSON.stringify(terms));
      for (const key of new Set(Object.values(terms).flat().map(searchTermKey))) {
        keys.push(key);
        keyNames.push(name);
      }
    }
    await queryRunner.query(
      'INSERT INTO search_concepts (name, terms) SELECT n, t::jsonb FROM unnest($1::text[], $2::text[]) AS x(n, t)',
      [names, termsJson],
    );
    await queryRunner.query(
      `INSERT INTO search_term_keys (key, concept_id)
       SELECT x.k, c.id FROM unnest($1::text[], $2::text[]) AS x(k, n) JOIN search_concepts c ON c.name = x.n`,
      [keys, keyNames],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "search_term_keys"');
    await queryRunner.query('DROP TABLE "search_concepts"');
  }
}
