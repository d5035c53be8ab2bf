// The needs-assessment calls of these screens (results, events of kind focus_group, findings) and
// their shapes as the API contract gives them. Everything goes through `apiFetch` (the token, the
// reader's language, one refresh-and-retry); a problem answer becomes an ApiError as with `ok()`.
import { ApiError, apiFetch, newId, type Schemas } from '../../api/client.js';
import type {
  AgeBand,
  Gender,
  LocalisedText,
  ResultCell,
  ResultGrouping,
  SurveyQuestion,
} from '../../../../src/modules/surveys/survey-contract.js';

export type { AgeBand, Gender, LocalisedText, ResultCell, ResultGrouping };
export type TerritoryLevel = 'oblast' | 'district' | 'aiyl_aimak' | 'village';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// ---- Surveys and their results ----------------------------------------------------------------

export interface SurveyCard {
  id: string;
  title: LocalisedText;
  status: string;
  anonymous: boolean;
  minCellSize: number;
  questions?: SurveyQuestion[];
}

// The hub's own shapes (generated from its OpenAPI document).
export type SurveyResults = Schemas['SurveyResultsDto'];
export type ResultGroup = Schemas['ResultGroupDto'];
export type ResultQuestion = Schemas['ResultQuestionDto'];
export type ResultChoice = Schemas['ResultChoiceDto'];
export type ResultBase = Schemas['ResultBaseDto'];

export type ExportFormat = 'csv' | 'xlsx';
export type ExportLabels = 'keys' | 'ky' | 'ru';

// ---- Events (focus groups) --------------------------------------------------------------------

export type FocusGroupAudience = 'women' | 'youth' | 'mixed';
export const AUDIENCES: readonly FocusGroupAudience[] = ['women', 'youth', 'mixed'];

export type TallyRow = Schemas['TallyRowDto'];

export type EventView = Schemas['EventViewDto'];

// ---- Findings ---------------------------------------------------------------------------------

/** The cells a finding froze: one question's table as the results gave it then. */
export interface FrozenCells {
  surveyId: string;
  question: string | ResultQuestion;
  by: ResultGrouping | ResultGrouping[];
  territoryLevel?: TerritoryLevel | null;
  minCellSize: number;
  frozenAt: string;
  groups?: ResultGroup[];
  result?: ResultQuestion;
}

export interface FindingView {
  id: string;
  statement: string;
  language: string;
  category: string;
  territoryIds: string[];
  evidence: {
    surveyId?: string | null;
    question?: string | null;
    by?: ResultGrouping | null;
    eventIds?: string[];
  };
  frozen?: FrozenCells | null;
  events?: EventView[];
  issueId?: string | null;
  createdAt: string;
  createdBy?: string | null;
}

export interface TraceEntry {
  kind: string;
  at: string;
  id?: string;
  title?: string | null;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  text?: string | null;
  authority?: string | null;
  issueId?: string | null;
}

// ---- Calls ------------------------------------------------------------------------------------

type Query = Record<string, string | number | undefined | null>;

function url(path: string, query?: Query): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `${location.origin}/api/v1${path}${s ? `?${s}` : ''}`;
}

async function problem(res: Response): Promise<never> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // not a problem body: the status says enough
  }
  throw new ApiError(res.status, body);
}

/** A JSON call; POSTs carry an Idempotency-Key. */
export async function call<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST') headers['idempotency-key'] = newId();
  const res = await apiFetch(
    new Request(url(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
  );
  if (!res.ok) return problem(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Fetches a file that needs the bearer token (tokens never go in a URL) and hands it to the
 * browser as a download, named as the hub names it (Content-Disposition) or `fallback`.
 */
export async function download(path: string, query: Query, fallback: string): Promise<void> {
  const res = await apiFetch(new Request(url(path, query), { method: 'GET' }));
  if (!res.ok) return problem(res);
  const blob = await res.blob();
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(
    res.headers.get('content-disposition') ?? '',
  );
  const name = named ? decodeURIComponent(named[1]) : fallback;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
