// The survey calls of the hub (contract: "Needs assessment") through the generated client: each
// answers the hub's JSON or throws ApiError (a refusal) / HubUnreachable (no answer). The views are
// typed with the shared vocabulary (survey-contract.ts), which the generated schemas loosen.
import { api, ok, type Schemas } from '../api/client.js';
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

export async function listSurveys(query: {
  status?: SurveyStatus;
  cursor?: string;
  limit?: number;
}): Promise<Page<SurveyView>> {
  const page = await ok(
    api.GET('/api/v1/surveys', {
      params: { query: { status: query.status, cursor: query.cursor, limit: query.limit ?? 50 } },
    }),
  );
  return page;
}

const path = (id: string) => ({ params: { path: { id } } });
const keyed = (key: string) => ({ 'idempotency-key': key });

export const getSurvey = async (id: string) =>
  (await ok(api.GET('/api/v1/surveys/{id}', path(id)))) as SurveyView;

export const createSurvey = async (body: SurveyInput, key: string) =>
  (await ok(
    api.POST('/api/v1/surveys', { body: body as Schemas['CreateSurveyDto'], headers: keyed(key) }),
  )) as SurveyView;

export const updateSurvey = async (id: string, body: Partial<SurveyInput>) =>
  (await ok(
    api.PATCH('/api/v1/surveys/{id}', { ...path(id), body: body as Schemas['UpdateSurveyDto'] }),
  )) as SurveyView;

export const transitionSurvey = async (id: string, to: 'open' | 'closed' | 'archived') =>
  (await ok(
    api.POST('/api/v1/surveys/{id}/transitions', { ...path(id), body: { to } }),
  )) as SurveyView;

export const newVersion = async (id: string, questions: SurveyQuestion[], key: string) =>
  (await ok(
    api.POST('/api/v1/surveys/{id}/versions', {
      ...path(id),
      body: { questions },
      headers: keyed(key),
    }),
  )) as SurveyView;

export const reconcileSubmissions = (id: string, ids: string[]) =>
  ok(api.POST('/api/v1/surveys/{id}/submissions/reconcile', { ...path(id), body: { ids } }));

/** A public link; `limits` caps its answers and ends it at a moment (both optional). */
export const createLink = (
  id: string,
  key: string,
  limits: { maxResponses?: number; expiresAt?: string } = {},
) => ok(api.POST('/api/v1/surveys/{id}/links', { ...path(id), body: limits, headers: keyed(key) }));

/** The survey's public links, newest first, with their answers counted (tokens are not kept). */
export const listLinks = async (id: string): Promise<Schemas['SurveyLinkSummaryDto'][]> =>
  (await ok(api.GET('/api/v1/surveys/{id}/links', path(id)))).items;

/** The survey a public link opens (no account). */
export const getPublicSurvey = async (token: string) =>
  (await ok(
    api.GET('/api/v1/public/surveys/{token}', { params: { path: { token } } }),
  )) as PublicSurveyView;

export function submissionPath(
  target: { surveyId: string } | { token: string },
  submissionId: string,
): string {
  return 'token' in target
    ? `${API}/public/surveys/${encodeURIComponent(target.token)}/submissions/${submissionId}`
    : `${API}/surveys/${encodeURIComponent(target.surveyId)}/submissions/${submissionId}`;
}
