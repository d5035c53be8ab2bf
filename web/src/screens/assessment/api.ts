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
} from '../../../../src/modules/surveys/survey-contract.js';

export type { AgeBand, Gender, LocalisedText, ResultCell, ResultGrouping };
export type TerritoryLevel = 'oblast' | 'district' | 'aiyl_aimak' | 'village';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// ---- Surveys and their results ----------------------------------------------------------------

export type SurveyCard = Schemas['SurveyViewDto'];

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

/** A cited event as it is now (EventEvidenceDto). */
export type EventCard = Pick<
  EventView,
  'id' | 'kind' | 'title' | 'group' | 'place' | 'startsAt' | 'territoryId' | 'status' | 'findings'
>;

/** What a finding cites; the survey cells frozen when it was written (FindingEvidenceDto). */
export interface FindingEvidence {
  surveyId: string | null;
  question: string | null;
  by: string | null;
  minCellSize: number | null;
  frozenAt: string | null;
  results: SurveyResults | null;
  eventIds: string[];
  events: EventCard[];
}

export interface FindingView {
  id: string;
  statement: string;
  language: string;
  category: string;
  territoryIds: string[];
  evidence: FindingEvidence;
  issueId: string | null;
  raisedAt: string | null;
  createdById: string | null;
  createdAt: string;
}

export type TraceKind =
  'finding_recorded' | 'issue_raised' | 'transition' | 'escalation_sent' | 'answer_received';

export interface TraceStep {
  at: string;
  kind: TraceKind;
  issueId?: string;
  fromStatus?: string | null;
  toStatus?: string;
  note?: string | null;
  actorName?: string | null;
  authorityName?: string;
  reference?: string | null;
  responseDueAt?: string;
  responseText?: string;
}

export interface FindingTrace {
  findingId: string;
  issueId: string | null;
  steps: TraceStep[];
}

export interface IssueEvidence {
  issueId: string;
  findings: FindingView[];
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
