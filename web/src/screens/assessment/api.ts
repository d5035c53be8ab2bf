// The shapes these screens use (results, events of kind focus_group, findings): the hub's own,
// generated from its OpenAPI document, under short names; and the one call the generated client
// cannot make, a file download with the token (through `apiFetch`: the token, the reader's
// language, one refresh-and-retry; a problem answer becomes an ApiError as with `ok()`).
import { ApiError, apiFetch, type Schemas } from '../../api/client.js';
import type {
  AgeBand,
  Gender,
  LocalisedText,
  ResultCell,
  ResultGrouping,
} from '../../../../src/modules/surveys/survey-contract.js';

export type { AgeBand, Gender, LocalisedText, ResultCell, ResultGrouping };
export type TerritoryLevel = 'oblast' | 'district' | 'aiyl_aimak' | 'village';

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

/** What a focus group's card shows (an event as listed, or as a finding cites it). */
export type EventCard = Pick<
  Schemas['EventEvidenceDto'],
  'id' | 'title' | 'group' | 'place' | 'startsAt' | 'territoryId' | 'status'
>;
export type FindingEvidence = Schemas['FindingEvidenceDto'];
export type FindingView = Schemas['FindingViewDto'];
export type TraceStep = Schemas['TraceStepDto'];

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
