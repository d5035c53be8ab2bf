// Pure rules of the reach log (issue 13): the content a replay must repeat, the calendar day of
// an instant in Kyrgyzstan, and the summary built from grouped rows. See docs/campaigns.md.
import { contentHash } from '../surveys/survey-rules.js';
import {
  AUDIENCES,
  type Audience,
  PUBLICATION_LANGUAGES,
  UNKNOWN_LANGUAGE,
} from './campaign.enums.js';

/** Kyrgyzstan keeps UTC+6 all year (no daylight saving). */
const KYRGYZ_OFFSET_MS = 6 * 60 * 60 * 1000;

/** The calendar day (YYYY-MM-DD) of an instant in Kyrgyzstan. */
export function kyrgyzDay(at: Date): string {
  return new Date(at.getTime() + KYRGYZ_OFFSET_MS).toISOString().slice(0, 10);
}

/** The days a reach row of a campaign may carry: from its first day to its last, both kept. */
export function periodDays(startsAt: Date, endsAt: Date): { first: string; last: string } {
  // endsAt is the moment it ends: a campaign ending at midnight has its last day the day before.
  return { first: kyrgyzDay(startsAt), last: kyrgyzDay(new Date(endsAt.getTime() - 1)) };
}

export interface ReachContent {
  campaignId: string;
  date: string;
  territoryId: string;
  channel: string;
  publicationId: string | null;
  audience: string;
  female: number;
  male: number;
  undisclosed: number;
  estimated: boolean;
  organisationId: string;
}

/** What a row sent again must repeat to be the same row (ids compared in lower case). */
export function reachHash(c: ReachContent): string {
  return contentHash({
    ...c,
    campaignId: c.campaignId.toLowerCase(),
    territoryId: c.territoryId.toLowerCase(),
    publicationId: c.publicationId?.toLowerCase() ?? null,
    organisationId: c.organisationId.toLowerCase(),
  });
}

export interface Counts {
  female: number;
  male: number;
  undisclosed: number;
  total: number;
}

export interface CountedEstimated {
  counted: Counts;
  estimated: Counts;
}

/** Reach rows grouped by language × territory (rolled up already) × audience × estimated. */
export interface ReachGroup {
  language: string;
  territoryId: string;
  audience: Audience;
  estimated: boolean;
  female: number;
  male: number;
  undisclosed: number;
  rows: number;
}

export interface TerritoryInfo {
  id: string;
  code: string;
  level: string;
  name: Record<string, string>;
}

export interface ReachSummary {
  rows: number;
  total: CountedEstimated;
  byLanguage: Array<CountedEstimated & { language: string; publications: number }>;
  byTerritory: Array<
    CountedEstimated & { territoryId: string; level: string; name: Record<string, string> }
  >;
  byAudience: Array<CountedEstimated & { audience: Audience }>;
  byGender: Array<{
    gender: 'female' | 'male' | 'undisclosed';
    counted: number;
    estimated: number;
  }>;
}

const zero = (): Counts => ({ female: 0, male: 0, undisclosed: 0, total: 0 });
const empty = (): CountedEstimated => ({ counted: zero(), estimated: zero() });

function add(into: CountedEstimated, g: ReachGroup): void {
  const c = g.estimated ? into.estimated : into.counted;
  c.female += g.female;
  c.male += g.male;
  c.undisclosed += g.undisclosed;
  c.total += g.female + g.male + g.undisclosed;
}

export const LANGUAGE_ORDER: readonly string[] = [...PUBLICATION_LANGUAGES, UNKNOWN_LANGUAGE];

/**
 * The summary by language, territory, audience and gender, counted and estimated apart.
 * Languages in the order ky, ru, tg, uz, en, unknown (those with reach or approved
 * publications); territories by code; audiences in the vocabulary's order; only groups with
 * reach, except languages with approved publications and no reach yet.
 */
export function summarise(
  groups: ReachGroup[],
  territories: Map<string, TerritoryInfo>,
  approvedByLanguage: Record<string, number>,
): ReachSummary {
  const total = empty();
  const languages = new Map<string, CountedEstimated>();
  const places = new Map<string, CountedEstimated>();
  const audiences = new Map<string, CountedEstimated>();
  let rows = 0;
  const at = <K>(map: Map<K, CountedEstimated>, key: K) => {
    let v = map.get(key);
    if (!v) map.set(key, (v = empty()));
    return v;
  };
  for (const g of groups) {
    rows += g.rows;
    add(total, g);
    add(at(languages, g.language), g);
    add(at(places, g.territoryId), g);
    add(at(audiences, g.audience), g);
  }
  for (const [language, n] of Object.entries(approvedByLanguage))
    if (n > 0) at(languages, language);
  const rank = (l: string) => {
    const i = LANGUAGE_ORDER.indexOf(l);
    return i < 0 ? LANGUAGE_ORDER.length : i;
  };
  return {
    rows,
    total,
    byLanguage: [...languages.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([language, v]) => ({
        language,
        publications: approvedByLanguage[language] ?? 0,
        ...v,
      })),
    byTerritory: [...places.entries()]
      .map(([territoryId, v]) => {
        const t = territories.get(territoryId);
        return {
          territoryId,
          level: t?.level ?? 'village',
          name: t?.name ?? {},
          code: t?.code ?? '',
          ...v,
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code) || a.territoryId.localeCompare(b.territoryId))
      .map(({ code: _code, ...rest }) => rest),
    byAudience: AUDIENCES.filter((a) => audiences.has(a)).map((audience) => ({
      audience,
      ...audiences.get(audience)!,
    })),
    byGender: (['female', 'male', 'undisclosed'] as const).map((gender) => ({
      gender,
      counted: total.counted[gender],
      estimated: total.estimated[gender],
    })),
  };
}
