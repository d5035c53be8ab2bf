import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { runPrepared } from '../../infra/database/prepared.js';
import { AppError } from '../../common/errors/app-error.js';
import { LANGUAGES, type Language } from '../../common/languages.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  CreateSearchConceptDto,
  SearchConceptViewDto,
  SearchTermsByLanguageDto,
  SearchTermsQueryDto,
  UpdateSearchConceptDto,
} from './dto/search-term.dto.js';
import { SearchConcept } from './search-concept.entity.js';
import { searchTermKey, wordKeys } from './search-key.js';
import { keyContains } from './search-sql.js';
import { SearchTermKey } from './search-term-key.entity.js';

/** What a query matches, for the SQL (`groups`) and for the highlights (`patterns`). */
export interface SearchPlan {
  /**
   * One websearch string per group of query words, ANDed by `kenesh_query()`: a word (or a
   * phrase) of the thesaurus becomes its own words OR every term of its concept.
   */
  groups: string[];
  patterns: MatchPattern[];
}

/** A run of word keys to mark in a text; `term` is the query word or the thesaurus term. */
export interface MatchPattern {
  keys: string[];
  term: string;
  kind: 'exact' | 'thesaurus';
}

/** Longest thesaurus phrase looked up in a query, in words. */
const MAX_PHRASE = 4;

@Injectable()
export class SearchTermsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** By name; any signed-in member may read the thesaurus. */
  async list(query: SearchTermsQueryDto): Promise<Page<SearchConceptViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string', 'uuid']);
    const qb = this.dataSource
      .getRepository(SearchConcept)
      .createQueryBuilder('c')
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit + 1);
    if (query.q) {
      qb.andWhere(
        `(kenesh_key(c.name) LIKE ${keyContains(':q')} OR EXISTS (SELECT 1 FROM search_term_keys k WHERE k.concept_id = c.id AND k.key LIKE '%' || :qKey || '%'))`,
        { q: query.q, qKey: searchTermKey(query.q).replace(/[\\%_]/g, (ch) => `\\${ch}`) },
      );
    }
    if (after) qb.andWhere('(c.name, c.id) > (:name, :id)', { name: after[0], id: after[1] });
    const rows = await qb.getMany();
    return toPage(rows, limit, (c) => [c.name, c.id], toView);
  }

  async create(actor: AuthUser, dto: CreateSearchConceptDto): Promise<SearchConceptViewDto> {
    const terms = normalise(dto.terms);
    const concept = await this.dataSource.transaction(async (manager) => {
      await this.assertNameFree(manager, dto.name.trim());
      const inserted: { id: string }[] = await manager.query(
        'INSERT INTO search_concepts (name, terms) VALUES ($1, $2) RETURNING id',
        [dto.name.trim(), JSON.stringify(terms)],
      );
      const id = inserted[0].id;
      await this.replaceKeys(manager, id, terms);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'search_concept.create',
          targetType: 'search_concept',
          targetId: id,
          details: { name: dto.name.trim(), terms },
        },
        manager,
      );
      return manager.findOneByOrFail(SearchConcept, { id });
    });
    return toView(concept);
  }

  async update(
    actor: AuthUser,
    id: string,
    dto: UpdateSearchConceptDto,
  ): Promise<SearchConceptViewDto> {
    const terms = dto.terms ? normalise(dto.terms) : undefined;
    const concept = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(SearchConcept, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw AppError.notFound('searchConcept');
      const name = dto.name?.trim();
      if (name !== undefined && name !== current.name) await this.assertNameFree(manager, name);
      await manager.query(
        'UPDATE search_concepts SET name = $2, terms = $3, updated_at = now() WHERE id = $1',
        [id, name ?? current.name, JSON.stringify(terms ?? current.terms)],
      );
      if (terms) await this.replaceKeys(manager, id, terms);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'search_concept.update',
          targetType: 'search_concept',
          targetId: id,
          details: {
            from: { name: current.name, terms: current.terms },
            to: { name: name ?? current.name, terms: terms ?? current.terms },
          },
        },
        manager,
      );
      return manager.findOneByOrFail(SearchConcept, { id });
    });
    return toView(concept);
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(SearchConcept, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw AppError.notFound('searchConcept');
      await manager.delete(SearchConcept, { id });
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'search_concept.delete',
          targetType: 'search_concept',
          targetId: id,
          details: { name: current.name, terms: current.terms },
        },
        manager,
      );
    });
  }

  /**
   * The query's words grouped for `kenesh_query()`, with the thesaurus applied: the longest
   * run of words (up to MAX_PHRASE) whose key is a term becomes that run OR every other term
   * of its concept. A query using search operators (quotes, `-word`, `or`) is taken as typed.
   */
  async plan(q: string): Promise<SearchPlan> {
    const words = q.split(/\s+/).filter(Boolean);
    const patterns: MatchPattern[] = words
      .map((w) => ({ keys: wordKeys(w), term: w, kind: 'exact' as const }))
      .filter((p) => p.keys.length);
    if (/["]/.test(q) || words.some((w) => w.startsWith('-') || /^or$/i.test(w))) {
      return { groups: [q], patterns };
    }
    const keys = words.map(searchTermKey);
    /** The key of the run of `n` words from `from`, as the thesaurus stores a phrase. */
    const phraseKey = (from: number, n: number) =>
      keys
        .slice(from, from + n)
        .filter(Boolean)
        .join(' ');
    const candidates = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      for (let n = 1; n <= MAX_PHRASE && i + n <= words.length; n++) {
        const key = phraseKey(i, n);
        if (key) candidates.add(key);
      }
    }
    const found = candidates.size
      ? await runPrepared<{ key: string; terms: Partial<Record<Language, string[]>> }>(
          this.dataSource,
          'search_terms_expand',
          `SELECT k.key, c.terms FROM search_term_keys k JOIN search_concepts c ON c.id = k.concept_id
            WHERE k.key = ANY($1::text[])`,
          [[...candidates]],
        )
      : [];
    const termsOf = new Map(found.map((r) => [r.key, Object.values(r.terms).flat()]));
    const groups: string[] = [];
    for (let i = 0; i < words.length;) {
      // The longest run from here that is a term; a single word is looked up too.
      let n = Math.min(MAX_PHRASE, words.length - i);
      let terms = termsOf.get(phraseKey(i, n));
      while (!terms && n > 1) terms = termsOf.get(phraseKey(i, --n));
      const span = words.slice(i, i + n).join(' ');
      if (!terms) {
        groups.push(span);
      } else {
        const seen = new Set([searchTermKey(span)]);
        const alternatives = [span];
        for (const term of terms) {
          const key = searchTermKey(term);
          if (seen.has(key)) continue;
          seen.add(key);
          alternatives.push(term);
          patterns.push({ keys: wordKeys(term), term, kind: 'thesaurus' });
        }
        groups.push(alternatives.map((a) => `"${a}"`).join(' or '));
      }
      i += n;
    }
    return { groups, patterns };
  }

  private async assertNameFree(manager: EntityManager, name: string): Promise<void> {
    if (await manager.existsBy(SearchConcept, { name })) {
      throw AppError.conflict('search.conceptNameTaken', { name });
    }
  }

  /** The concept's term keys, refused (409) when a term already belongs to another concept. */
  private async replaceKeys(
    manager: EntityManager,
    conceptId: string,
    terms: Partial<Record<Language, string[]>>,
  ): Promise<void> {
    const byKey = new Map<string, string>();
    for (const term of Object.values(terms).flat()) byKey.set(searchTermKey(term), term);
    const taken: { key: string; name: string }[] = await manager.query(
      `SELECT k.key, c.name FROM search_term_keys k JOIN search_concepts c ON c.id = k.concept_id
        WHERE k.key = ANY($1::text[]) AND k.concept_id <> $2`,
      [[...byKey.keys()], conceptId],
    );
    if (taken.length) {
      const list = taken.map((t) => `"${byKey.get(t.key)}" (in "${t.name}")`).join(', ');
      throw AppError.conflict('search.termTaken', { terms: list });
    }
    await manager.delete(SearchTermKey, { conceptId });
    await manager.query(
      'INSERT INTO search_term_keys (key, concept_id) SELECT unnest($1::text[]), $2',
      [[...byKey.keys()], conceptId],
    );
  }
}

/**
 * Trimmed terms with single spaces; refuses (400) a term repeated within a language (also as a
 * spelling search treats as the same word) and a concept with fewer than two terms.
 */
function normalise(dto: SearchTermsByLanguageDto): Partial<Record<Language, string[]>> {
  const out: Partial<Record<Language, string[]>> = {};
  let count = 0;
  for (const language of LANGUAGES) {
    const list = dto[language];
    if (!list) continue;
    const terms = list.map((t) => t.trim().replace(/\s+/g, ' '));
    const keys = terms.map(searchTermKey);
    const repeated = terms.find((_, i) => keys.indexOf(keys[i]) !== i);
    if (repeated !== undefined) {
      throw AppError.validation([
        {
          field: `terms.${language}`,
          key: 'field.termRepeated',
          params: { term: repeated },
        },
      ]);
    }
    if (keys.some((k) => !k)) {
      throw AppError.validation([{ field: `terms.${language}`, key: 'field.termNeedsLetter' }]);
    }
    out[language] = terms;
    count += terms.length;
  }
  if (count < 2) {
    throw AppError.validation([{ field: 'terms', key: 'field.conceptTwoTerms' }]);
  }
  return out;
}

function toView(c: SearchConcept): SearchConceptViewDto {
  return {
    id: c.id,
    name: c.name,
    terms: c.terms,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
