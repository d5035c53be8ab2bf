// The survey calls of the hub (contract: "Needs assessment"). Each answers the hub's JSON or
// throws ApiError (a refusal) / HubUnreachable (no answer), as the generated client's calls do.
import { ApiError, apiFetch } from '../api/client.js';
import type {
  AgeBand,
  Answers,
  Gender,
  LocalisedText,
  SubmissionMode,
  SurveyQuestion,
  SurveyStatus,
} from './contract.js';

export interface SurveyView {
  id: string;
  title: LocalisedText;
  description?: LocalisedText | null;
  anonymous: boolean;
  minCellSize: number;
  territoryIds: string[];
  audiences: string[];
  opensAt?: string | null;
  closesAt?: string | null;
  status: SurveyStatus;
  version: number;
  questions: SurveyQuestion[];
  /** Whether answers exist (then questions change only by a new version). */
  hasSubmissions?: boolean;
}

/** A place a public-link respondent may choose (the survey's territories and what lies under them). */
export interface TerritoryOption {
  id: string;
  name: LocalisedText;
  level: string;
  parentId: string | null;
}

/** What a public link shows (GET /public/surveys/:token). */
export interface PublicSurveyView {
  id: string;
  title: LocalisedText;
  description?: LocalisedText | null;
  anonymous: boolean;
  version: number;
  questions: SurveyQuestion[];
  closesAt: string | null;
  territories: TerritoryOption[];
}

/** What the builder sends (POST /surveys, PATCH /surveys/:id). */
export interface SurveyInput {
  title: LocalisedText;
  description?: LocalisedText;
  anonymous: boolean;
  minCellSize?: number;
  territoryIds: string[];
  audiences?: string[];
  opensAt?: string;
  closesAt?: string;
  questions: SurveyQuestion[];
}

/** The body of PUT /surveys/:id/submissions/:submissionId (and its public twin). */
export interface SubmissionBody {
  version: number;
  /** Not sent through a public link (always `online` there). */
  mode?: SubmissionMode;
  respondent: { gender: Gender; ageBand: AgeBand; territoryId: string };
  answers: Answers;
  collectedOn?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const API = '/api/v1';

export async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const h: Record<string, string> = { accept: 'application/json', ...headers };
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await apiFetch(
    new Request(new URL(API + path, location.origin), {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // a proxy's page: judged by its status alone
  }
  if (!res.ok) throw new ApiError(res.status, json ?? {});
  return json as T;
}

export function listSurveys(query: {
  status?: SurveyStatus;
  cursor?: string;
  limit?: number;
}): Promise<Page<SurveyView>> {
  const q = new URLSearchParams();
  if (query.status) q.set('status', query.status);
  if (query.cursor) q.set('cursor', query.cursor);
  q.set('limit', String(query.limit ?? 50));
  return call('GET', `/surveys?${q.toString()}`);
}

export const getSurvey = (id: string) =>
  call<SurveyView>('GET', `/surveys/${encodeURIComponent(id)}`);

export const createSurvey = (body: SurveyInput, key: string) =>
  call<SurveyView>('POST', '/surveys', body, { 'idempotency-key': key });

export const updateSurvey = (id: string, body: Partial<SurveyInput>) =>
  call<SurveyView>('PATCH', `/surveys/${encodeURIComponent(id)}`, body);

export const transitionSurvey = (id: string, to: 'open' | 'closed' | 'archived') =>
  call<SurveyView>('POST', `/surveys/${encodeURIComponent(id)}/transitions`, { to });

export const newVersion = (id: string, questions: SurveyQuestion[], key: string) =>
  call<SurveyView>(
    'POST',
    `/surveys/${encodeURIComponent(id)}/versions`,
    { questions },
    { 'idempotency-key': key },
  );

export const reconcileSubmissions = (id: string, ids: string[]) =>
  call<{ received: string[]; missing: string[] }>(
    'POST',
    `/surveys/${encodeURIComponent(id)}/submissions/reconcile`,
    { ids },
  );

/** The survey a public link opens (no account). */
export const getPublicSurvey = (token: string) =>
  call<PublicSurveyView>('GET', `/public/surveys/${encodeURIComponent(token)}`);

export function submissionPath(
  target: { surveyId: string } | { token: string },
  submissionId: string,
): string {
  return 'token' in target
    ? `${API}/public/surveys/${encodeURIComponent(target.token)}/submissions/${submissionId}`
    : `${API}/surveys/${encodeURIComponent(target.surveyId)}/submissions/${submissionId}`;
}
