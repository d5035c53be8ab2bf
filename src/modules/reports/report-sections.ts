/**
 * What each advocacy module gives the district report pack (issue 13). The report builder owns
 * the snapshot; each module owns one function that reads its part of the register for a scope,
 * inside the snapshot's transaction (REPEATABLE READ, so every section sees the same moment).
 * Each returns plain JSON (no Dates: ISO strings) so the snapshot can be hashed as it is.
 */
import type { EntityManager } from 'typeorm';
import type { Language } from '../../common/languages.js';

/** Text keyed by language, as the API stores multilingual fields. */
export type LangText = Partial<Record<Language, string>>;

export interface ReportScope {
  /** The district the report is about. */
  districtId: string;
  /** The district and every territory under it. */
  territoryIds: string[];
  /** The period, `[from, to)`, ISO-8601 UTC. */
  from: string;
  to: string;
  /** The language the pack is written in (sections still return every language they hold). */
  language: 'ky' | 'ru';
}

/** Ballots about the scope's issues that closed in the period. */
export interface BallotSection {
  ballots: Array<{
    id: string;
    title: LangText;
    method: 'approval' | 'ranked' | 'dot';
    closedAt: string;
    /** Organisations that had a voice, and how many used it. */
    voters: number;
    voted: number;
    results: Array<{
      issueId: string;
      issueTitle: string;
      /** Approvals, ranked points (n − rank + 1) or dots. */
      score: number;
      rank: number;
      selected: boolean;
    }>;
  }>;
}

/** Confirmed links from provisions to the scope's issues. */
export interface LegalBasisSection {
  links: Array<{
    issueId: string;
    issueTitle: string;
    actTitle: LangText;
    actNumber: string | null;
    actStatus: 'in_force' | 'amended' | 'repealed';
    eId: string;
    heading: LangText;
    relation: 'grants_right' | 'assigns_duty' | 'sets_deadline' | 'gap' | 'conflict';
  }>;
}

/** Strategies about the scope's issues or territories, with progress as of the snapshot. */
export interface StrategySection {
  strategies: Array<{
    id: string;
    title: LangText;
    /** 0–100, the weighted mean of its objectives'. */
    progress: number;
    objectives: Array<{ title: LangText; weight: number; progress: number }>;
    actions: Array<{
      title: LangText;
      ownerOrganisationName: string | null;
      targetAuthorityName: string | null;
      dueAt: string;
      status: 'planned' | 'in_progress' | 'done' | 'blocked' | 'dropped';
      progress: number;
      overdue: boolean;
    }>;
  }>;
}

/** Reach of approved publications in the scope's territories within the period. */
export interface CampaignSection {
  campaigns: Array<{ id: string; title: LangText; publications: number; approved: number }>;
  /** People reached, one row per language × territory × audience; not suppressed (counts of
   *  people reached, often estimates, not individuals' records). */
  reach: Array<{
    language: string;
    territoryId: string;
    territoryName: LangText;
    audience: string;
    female: number;
    male: number;
    undisclosed: number;
    estimated: boolean;
  }>;
}

export type SectionSource<T> = (manager: EntityManager, scope: ReportScope) => Promise<T>;
