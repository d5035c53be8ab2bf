import type { Message } from '../../common/i18n/i18n.js';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError, type FieldProblem } from '../../common/errors/app-error.js';
import { LANGUAGES } from '../../common/languages.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  CreateSurveyDto,
  CreateSurveyLinkDto,
  CreateSurveyVersionDto,
  LocalisedTextDto,
  PublicSubmitSurveyDto,
  PublicSurveyViewDto,
  ReconcileDto,
  ReconcileResultDto,
  ReviseSubmissionDto,
  SubmissionViewDto,
  SubmitSurveyDto,
  SurveyLinkSummaryDto,
  SurveyLinkViewDto,
  SurveyQuestionDto,
  SurveysQueryDto,
  SurveyTransitionDto,
  SurveyViewDto,
  UpdateSurveyDto,
} from './dto/survey.dto.js';
import { carryRetired, checkRules, compareVersions, validateAnswers } from './form-logic.js';
import { SubmissionTallies, type TalliedSubmission } from './results/submission-tallies.js';
import {
  DEFAULT_MIN_CELL_SIZE,
  type AgeBand,
  type Answers,
  type Gender,
  type LocalisedText,
  type SubmissionMode,
  type SurveyAudience,
  type SurveyQuestion,
  type SurveyStatus,
} from './survey-contract.js';
import {
  answerFieldProblems,
  answerShapeProblems,
  contentHash,
  ruleFieldProblems,
} from './survey-rules.js';

/** Moves a survey may make (draft → open → closed → archived; closed → open reopens). */
const MOVES: Record<SurveyStatus, readonly SurveyStatus[]> = {
  draft: ['open', 'archived'],
  open: ['closed'],
  closed: ['open', 'archived'],
  archived: [],
};

/** A paper form may be dated a day ahead of UTC (Kyrgyzstan is UTC+6). */
const DAY_MS = 24 * 60 * 60 * 1000;

interface SurveyRow {
  id: string;
  title: LocalisedText;
  description: LocalisedText | null;
  anonymous: boolean;
  min_cell_size: number;
  audiences: SurveyAudience[];
  opens_at: Date | null;
  closes_at: Date | null;
  status: SurveyStatus;
  current_version: number;
  created_by: string | null;
  first_submission_at: Date | null;
  created_at: Date;
  updated_at: Date;
  territory_ids: string[];
  questions: SurveyQuestion[];
  /** created_at at full precision, for the cursor. */
  created_key: string;
}

interface SubmissionRow {
  id: string;
  survey_id: string;
  version: number;
  mode: SubmissionMode;
  gender: Gender;
  age_band: AgeBand;
  territory_id: string;
  answers: Answers;
  collected_on: string | null;
  entered_by: string | null;
  link_id: string | null;
  content_hash: string;
  created_at: Date;
  updated_at: Date;
  revisions: number;
  created_key: string;
}

/** Who sends a submission: a signed-in caller, or a resident through a public link. */
type Sender = { kind: 'user'; user: AuthUser } | { kind: 'link'; linkId: string };

export interface SubmitOutcome {
  created: boolean;
  view: SubmissionViewDto;
}

const SURVEY_SELECT = `
  SELECT s.*, v.questions,
    to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_key,
    COALESCE((SELECT array_agg(st.territory_id ORDER BY st.territory_id)
              FROM survey_territories st WHERE st.survey_id = s.id), '{}') AS territory_ids
  FROM surveys s
  JOIN survey_versions v ON v.survey_id = s.id AND v.version = s.current_version`;

const SUBMISSION_SELECT = `
  SELECT b.*,
    to_char(b.collected_on, 'YYYY-MM-DD') AS collected_on,
    to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_key,
    (SELECT count(*)::int FROM survey_submission_revisions r WHERE r.submission_id = b.id) AS revisions
  FROM survey_submissions b`;

/**
 * Surveys and their submissions (docs/surveys.md): the builder's CRUD and workflow, versions
 * that keep every key's meaning, idempotent submissions under the client's id, corrections
 * kept as revisions, public links, and anonymous surveys that store and log no user id.
 */
@Injectable()
export class SurveysService {
  private readonly logger = new Logger(SurveysService.name);
  private markKey: Promise<string> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly tallies: SubmissionTallies,
  ) {}

  // ---- surveys ----

  async create(actor: AuthUser, dto: CreateSurveyDto): Promise<SurveyViewDto> {
    assertStaff(actor);
    const problems = [
      ...textProblems('title', dto.title),
      ...textProblems('description', dto.description),
      ...questionProblems(dto.questions),
      ...datesProblems(dto.opensAt ?? null, dto.closesAt ?? null),
    ];
    if (problems.length) throw AppError.validation(problems);
    await this.assertTerritories(dto.territoryIds);
    const id = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO surveys (title, description, anonymous, min_cell_size, audiences, opens_at,
           closes_at, status, current_version, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', 1, $8) RETURNING id`,
        [
          cleanText(dto.title),
          dto.description ? cleanText(dto.description) : null,
          dto.anonymous,
          dto.minCellSize ?? DEFAULT_MIN_CELL_SIZE,
          dto.audiences ?? [],
          dto.opensAt ?? null,
          dto.closesAt ?? null,
          actor.id,
        ],
      );
      await this.setTerritories(manager, row.id, dto.territoryIds);
      await manager.query(
        'INSERT INTO survey_versions (survey_id, version, questions, created_by) VALUES ($1, 1, $2, $3)',
        [row.id, JSON.stringify(cleanQuestions(dto.questions)), actor.id],
      );
      return row.id;
    });
    this.logger.log({ event: 'survey_created', surveyId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  async get(viewer: AuthUser, id: string): Promise<SurveyViewDto> {
    return toSurveyView(await this.visibleSurvey(viewer, id));
  }

  /** Newest first; drafts only for staff. */
  async list(viewer: AuthUser, query: SurveysQueryDto): Promise<Page<SurveyViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!isStaff(viewer)) where.push(`s.status <> 'draft'`);
    if (query.status) where.push(`s.status = ${param(query.status)}`);
    if (query.territoryId) {
      where.push(`EXISTS (
        WITH RECURSIVE up AS (
          SELECT id, parent_id FROM territories WHERE id = ${param(query.territoryId)}::uuid
          UNION ALL SELECT t.id, t.parent_id FROM territories t JOIN up ON t.id = up.parent_id)
        SELECT 1 FROM survey_territories st JOIN up ON up.id = st.territory_id
        WHERE st.survey_id = s.id)`);
    }
    if (after) {
      where.push(
        `(s.created_at, s.id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`,
      );
    }
    const rows = await this.dataSource.query<SurveyRow[]>(
      `${SURVEY_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY s.created_at DESC, s.id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    return toPage(rows, limit, (r) => [r.created_key, r.id], toSurveyView);
  }

  async update(actor: AuthUser, id: string, dto: UpdateSurveyDto): Promise<SurveyViewDto> {
    assertStaff(actor);
    const problems = [
      ...(dto.title !== undefined ? textProblems('title', dto.title) : []),
      ...textProblems('description', dto.description),
      ...(dto.questions ? questionProblems(dto.questions) : []),
    ];
    if (problems.length) throw AppError.validation(problems);
    if (dto.territoryIds) await this.assertTerritories(dto.territoryIds);
    await this.dataSource.transaction(async (manager) => {
      const survey = await this.lockSurvey(manager, id);
      // The contract: every field only while draft. Once open, questions change through a new
      // version and the survey's life through transitions; a draft has no submissions, so
      // anonymity, cell size and territories can never change under stored answers.
      if (survey.status !== 'draft')
        throw AppError.conflict('surveys.editOnlyDraft', {
          status: surveyStateName(survey.status),
        });
      const opensAt = dto.opensAt !== undefined ? dto.opensAt : survey.opens_at?.toISOString();
      const closesAt = dto.closesAt !== undefined ? dto.closesAt : survey.closes_at?.toISOString();
      const dateProblems = datesProblems(opensAt ?? null, closesAt ?? null);
      if (dateProblems.length) throw AppError.validation(dateProblems);
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown): void => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (dto.title !== undefined) set('title', cleanText(dto.title));
      if (dto.description !== undefined)
        set('description', dto.description ? cleanText(dto.description) : null);
      if (dto.anonymous !== undefined) set('anonymous', dto.anonymous);
      if (dto.minCellSize !== undefined) set('min_cell_size', dto.minCellSize);
      if (dto.audiences !== undefined) set('audiences', dto.audiences);
      if (dto.opensAt !== undefined) set('opens_at', dto.opensAt);
      if (dto.closesAt !== undefined) set('closes_at', dto.closesAt);
      if (sets.length || dto.territoryIds || dto.questions) {
        await manager.query(
          `UPDATE surveys SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`,
          params,
        );
      }
      if (dto.territoryIds) {
        await manager.query('DELETE FROM survey_territories WHERE survey_id = $1', [id]);
        await this.setTerritories(manager, id, dto.territoryIds);
      }
      if (dto.questions) {
        await manager.query(
          'UPDATE survey_versions SET questions = $3 WHERE survey_id = $1 AND version = $2',
          [id, survey.current_version, JSON.stringify(cleanQuestions(dto.questions))],
        );
      }
      if (Object.keys(dto).length === 0) return;
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'survey.edit',
          targetType: 'survey',
          targetId: id,
          details: { fields: Object.keys(dto) },
        },
        manager,
      );
    });
    return this.get(actor, id);
  }

  async transition(actor: AuthUser, id: string, dto: SurveyTransitionDto): Promise<SurveyViewDto> {
    assertStaff(actor);
    await this.dataSource.transaction(async (manager) => {
      const survey = await this.lockSurvey(manager, id);
      if (!MOVES[survey.status].includes(dto.to))
        throw AppError.conflict('surveys.badTransition', {
          from: surveyStateName(survey.status),
          to: surveyStateName(dto.to),
        });
      await manager.query('UPDATE surveys SET status = $2, updated_at = now() WHERE id = $1', [
        id,
        dto.to,
      ]);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'survey.transition',
          targetType: 'survey',
          targetId: id,
          details: { from: survey.status, to: dto.to },
        },
        manager,
      );
    });
    this.logger.log({ event: 'survey_transition', surveyId: id, to: dto.to, actorId: actor.id });
    return this.get(actor, id);
  }

  /**
   * A new version: a key keeps its type and every choice code (409 naming the keys that do
   * not); labels, new choices and new questions are fine; a question left out stays, retired.
   */
  async addVersion(
    actor: AuthUser,
    id: string,
    dto: CreateSurveyVersionDto,
  ): Promise<SurveyViewDto> {
    assertStaff(actor);
    const next = cleanQuestions(dto.questions);
    await this.dataSource.transaction(async (manager) => {
      const survey = await this.lockSurvey(manager, id);
      if (survey.status === 'archived') throw AppError.conflict('surveys.archived');
      const clashes = compareVersions(survey.questions, next);
      if (clashes.length) {
        throw new AppError(
          'conflict',
          'surveys.versionIncompatible',
          { keys: [...new Set(clashes.map((clash) => clash.key))].join(', ') },
          clashes.map((clash) => ({
            field: `questions.${Math.max(
              0,
              next.findIndex((question) => question.key === clash.key),
            )}.${clash.code === 'type_changed' ? 'type' : 'choices'}`,
            key: 'surveys.versionIncompatible',
            params: { keys: clash.key },
          })),
        );
      }
      const merged = carryRetired(survey.questions, next);
      const problems = ruleFieldProblems(checkRules(merged), next);
      if (problems.length) throw AppError.validation(problems);
      const version = survey.current_version + 1;
      await manager.query(
        'INSERT INTO survey_versions (survey_id, version, questions, created_by) VALUES ($1, $2, $3, $4)',
        [id, version, JSON.stringify(merged), actor.id],
      );
      await manager.query(
        'UPDATE surveys SET current_version = $2, updated_at = now() WHERE id = $1',
        [id, version],
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'survey.version',
          targetType: 'survey',
          targetId: id,
          details: { version },
        },
        manager,
      );
    });
    return this.get(actor, id);
  }

  // ---- submissions ----

  /**
   * Stores a submission under the client's id: 201 the first time; the same content again
   * answers 200 with the stored one and stores nothing; other content under the id is 409.
   * Two requests with one id at once: the database's primary key decides, the loser reads the
   * winner's row (never a 500).
   */
  async submit(
    actor: AuthUser,
    surveyId: string,
    submissionId: string,
    dto: SubmitSurveyDto,
  ): Promise<SubmitOutcome> {
    const survey = await this.visibleSurvey(actor, surveyId);
    if (dto.mode !== 'online' && !isStaff(actor) && !(await this.isEnumerator(actor.id)))
      throw AppError.forbidden('surveys.enumeratorsOnly');
    return this.store(survey, submissionId, dto, { kind: 'user', user: actor });
  }

  /** A resident's submission through a public link: online, no account, no user id. */
  async submitPublic(
    token: string,
    submissionId: string,
    dto: PublicSubmitSurveyDto,
  ): Promise<SubmitOutcome> {
    const link = await this.linkByToken(token);
    const survey = await this.surveyRow(this.dataSource.manager, link.survey_id);
    if (!survey || survey.status === 'draft') throw AppError.notFound('surveyLink');
    return this.store(
      survey,
      submissionId,
      { ...dto, mode: 'online', collectedOn: null },
      { kind: 'link', linkId: link.id },
    );
  }

  private async store(
    survey: SurveyRow,
    submissionId: string,
    dto: SubmitSurveyDto,
    sender: Sender,
  ): Promise<SubmitOutcome> {
    const callerId = sender.kind === 'user' ? sender.user.id : null;
    const hash = contentHash({
      surveyId: survey.id,
      version: dto.version,
      mode: dto.mode,
      respondent: {
        gender: dto.respondent.gender,
        ageBand: dto.respondent.ageBand,
        territoryId: dto.respondent.territoryId,
      },
      answers: dto.answers,
      collectedOn: dto.collectedOn ?? null,
    });
    // A replay is answered before anything else is checked: the survey may have closed since.
    const existing = await this.submissionRow(this.dataSource.manager, submissionId);
    if (existing) return this.replay(existing, survey.id, hash, callerId);

    await this.assertSubmittable(survey, dto);
    const outcome = await this.dataSource
      .transaction(async (manager): Promise<SubmitOutcome | { existing: SubmissionRow }> => {
        // The first submission marks the survey (a row lock a transition's FOR UPDATE waits for,
        // and that waits for a transition in progress); later ones find it marked and lock
        // nothing here. Then KEY SHARE: a transition waits for us and sees our submission, while
        // submissions do not wait for each other. Marking first means no lock is ever upgraded (no deadlock).
        await manager.query(
          'UPDATE surveys SET first_submission_at = now() WHERE id = $1 AND first_submission_at IS NULL',
          [survey.id],
        );
        const [locked] = await manager.query<{ anonymous: boolean; status: SurveyStatus }[]>(
          'SELECT anonymous, status FROM surveys WHERE id = $1 FOR KEY SHARE',
          [survey.id],
        );
        if (locked?.status !== 'open')
          throw AppError.conflict('surveys.notOpen', {
            status: surveyStateName(locked?.status ?? 'archived'),
          });
        const anonymous = locked.anonymous;
        const enteredBy = anonymous || sender.kind === 'link' ? null : callerId;
        const inserted = await manager.query<{ id: string }[]>(
          `INSERT INTO survey_submissions (id, survey_id, version, mode, gender, age_band,
             territory_id, answers, collected_on, entered_by, link_id, content_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            submissionId,
            survey.id,
            dto.version,
            dto.mode,
            dto.respondent.gender,
            dto.respondent.ageBand,
            dto.respondent.territoryId,
            JSON.stringify(dto.answers),
            dto.collectedOn ?? null,
            enteredBy,
            sender.kind === 'link' ? sender.linkId : null,
            hash,
          ],
        );
        if (!inserted.length) {
          // Someone stored this id while we checked: theirs decides.
          const row = await this.submissionRow(manager, submissionId);
          if (!row) throw AppError.conflict('surveys.submissionIdTaken', { id: submissionId });
          return { existing: row };
        }
        if (anonymous && sender.kind === 'user' && dto.mode === 'online') {
          const marked = await manager.query<unknown[]>(
            `INSERT INTO survey_respondent_marks (survey_id, mark) VALUES ($1, $2)
             ON CONFLICT DO NOTHING RETURNING mark`,
            [survey.id, await this.respondentMark(survey.id, sender.user.id)],
          );
          if (!marked.length) throw AppError.conflict('surveys.alreadyAnswered');
        }
        if (sender.kind === 'link') await this.countLinkResponse(manager, sender.linkId);
        await this.tallies.apply(manager, null, tallied(survey.id, dto));
        const row = await this.submissionRow(manager, submissionId);
        return { created: true, view: toSubmissionView(row!, anonymous) };
      })
      .catch((error: unknown) => {
        // One online answer per signed-in person in a survey that is not anonymous.
        if (uniqueViolation(error, 'survey_submissions_one_online_per_person'))
          throw AppError.conflict('surveys.alreadyAnswered');
        throw error;
      });
    if ('existing' in outcome) return this.replay(outcome.existing, survey.id, hash, callerId);
    // Never a user id here: the line is written for anonymous surveys too.
    this.logger.log({
      event: 'survey_submission_stored',
      surveyId: survey.id,
      submissionId,
      mode: dto.mode,
      viaLink: sender.kind === 'link',
    });
    return outcome;
  }

  private async replay(
    row: SubmissionRow,
    surveyId: string,
    hash: string,
    callerId: string | null,
  ): Promise<SubmitOutcome> {
    const sameSender = row.entered_by === null || row.entered_by === callerId;
    if (row.survey_id !== surveyId || row.content_hash !== hash || !sameSender)
      throw AppError.conflict('surveys.submissionIdTaken', { id: row.id });
    const [survey] = await this.dataSource.query<{ anonymous: boolean }[]>(
      'SELECT anonymous FROM surveys WHERE id = $1',
      [surveyId],
    );
    return { created: false, view: toSubmissionView(row, survey?.anonymous ?? true) };
  }

  /** Open, within its dates, a version that exists, answers and respondent as form-logic says. */
  private async assertSubmittable(survey: SurveyRow, dto: SubmitSurveyDto): Promise<void> {
    if (survey.status !== 'open')
      throw AppError.conflict('surveys.notOpen', { status: surveyStateName(survey.status) });
    const now = Date.now();
    if (survey.opens_at && survey.opens_at.getTime() > now)
      throw AppError.conflict('surveys.notYetOpen', { opensAt: survey.opens_at });
    if (survey.closes_at && survey.closes_at.getTime() <= now)
      throw AppError.conflict('surveys.closedAt', { closesAt: survey.closes_at });
    const problems: FieldProblem[] = [];
    const questions =
      dto.version === survey.current_version
        ? survey.questions
        : await this.versionQuestions(survey.id, dto.version);
    if (!questions) {
      problems.push({
        field: 'version',
        key: 'surveys.unknownVersion',
        params: { version: dto.version },
      });
    }
    const shape = answerShapeProblems(dto.answers);
    problems.push(...shape);
    if (questions && !shape.length)
      problems.push(...answerFieldProblems(validateAnswers(questions, dto.answers)));
    if (dto.collectedOn && new Date(`${dto.collectedOn}T00:00:00Z`).getTime() > now + DAY_MS)
      problems.push({ field: 'collectedOn', key: 'field.notInFuture' });
    const scope = await this.territoryScope(survey.id, dto.respondent.territoryId);
    if (!scope.known)
      problems.push({ field: 'respondent.territoryId', key: 'field.unknownTerritory' });
    else if (!scope.inside)
      problems.push({ field: 'respondent.territoryId', key: 'surveys.territoryOutside' });
    if (problems.length) throw AppError.validation(problems);
  }

  /** Which of the phone's ids the hub has, for this survey. */
  async reconcile(
    actor: AuthUser,
    surveyId: string,
    dto: ReconcileDto,
  ): Promise<ReconcileResultDto> {
    await this.visibleSurvey(actor, surveyId);
    const ids = [...new Set(dto.ids.map((id) => id.toLowerCase()))];
    const found = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM survey_submissions WHERE survey_id = $1 AND id = ANY($2::uuid[])',
      [surveyId, ids],
    );
    const received = new Set(found.map((row) => row.id));
    return {
      received: ids.filter((id) => received.has(id)),
      missing: ids.filter((id) => !received.has(id)),
    };
  }

  /**
   * Corrects a submission's answers (the whole set, re-validated against its own version);
   * the previous answers are kept as a revision with the reason. The enumerator who entered it
   * or staff; anyone else gets 404.
   */
  async revise(
    actor: AuthUser,
    submissionId: string,
    dto: ReviseSubmissionDto,
  ): Promise<SubmissionViewDto> {
    const result = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<SubmissionRow[]>(
        'SELECT * FROM survey_submissions WHERE id = $1 FOR UPDATE',
        [submissionId],
      );
      const staff = isStaff(actor);
      if (!row || (!staff && row.entered_by !== actor.id)) throw AppError.notFound('submission');
      const survey = await this.surveyRow(manager, row.survey_id);
      if (!survey) throw AppError.notFound('submission');
      if (survey.status !== 'open' && survey.status !== 'closed')
        throw AppError.conflict('surveys.reviseWhenOpenOrClosed');
      const questions = (await this.versionQuestions(row.survey_id, row.version, manager)) ?? [];
      const shape = answerShapeProblems(dto.answers);
      const problems = shape.length
        ? shape
        : answerFieldProblems(validateAnswers(questions, dto.answers));
      if (problems.length) throw AppError.validation(problems);
      await manager.query(
        `INSERT INTO survey_submission_revisions (submission_id, previous_answers, answers, reason, revised_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          submissionId,
          JSON.stringify(row.answers),
          JSON.stringify(dto.answers),
          dto.reason,
          actor.id,
        ],
      );
      await manager.query(
        'UPDATE survey_submissions SET answers = $2, updated_at = now() WHERE id = $1',
        [submissionId, JSON.stringify(dto.answers)],
      );
      const respondent = {
        gender: row.gender,
        ageBand: row.age_band,
        territoryId: row.territory_id,
      };
      await this.tallies.apply(
        manager,
        { surveyId: row.survey_id, version: row.version, ...respondent, answers: row.answers },
        { surveyId: row.survey_id, version: row.version, ...respondent, answers: dto.answers },
      );
      if (staff && row.entered_by !== actor.id) {
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'survey_submission.revise',
            targetType: 'survey_submission',
            targetId: submissionId,
            details: { surveyId: row.survey_id, reason: dto.reason },
          },
          manager,
        );
      }
      const updated = await this.submissionRow(manager, submissionId);
      return toSubmissionView(updated!, survey.anonymous);
    });
    this.logger.log({
      event: 'survey_submission_revised',
      submissionId,
      surveyId: result.surveyId,
    });
    return result;
  }

  /**
   * Raw rows, oldest first: staff see all; anyone else only the ones they entered (none in an
   * anonymous survey, whose rows carry no user id).
   */
  async listSubmissions(
    viewer: AuthUser,
    surveyId: string,
    query: { cursor?: string; limit?: number },
  ): Promise<Page<SubmissionViewDto>> {
    const survey = await this.visibleSurvey(viewer, surveyId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const params: unknown[] = [surveyId];
    const where = ['b.survey_id = $1'];
    if (!isStaff(viewer)) {
      params.push(viewer.id);
      where.push(`b.entered_by = $${params.length}`);
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(
        `(b.created_at, b.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(limit + 1);
    const rows = await this.dataSource.query<SubmissionRow[]>(
      `${SUBMISSION_SELECT} WHERE ${where.join(' AND ')}
       ORDER BY b.created_at, b.id LIMIT $${params.length}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r) => [r.created_key, r.id],
      (r) => toSubmissionView(r, survey.anonymous),
    );
  }

  // ---- public links ----

  async createLink(
    actor: AuthUser,
    surveyId: string,
    dto: CreateSurveyLinkDto,
  ): Promise<SurveyLinkViewDto> {
    assertStaff(actor);
    if (dto.expiresAt && new Date(dto.expiresAt).getTime() <= Date.now())
      throw AppError.validation([{ field: 'expiresAt', key: 'surveys.expiresInPast' }]);
    const token = randomBytes(24).toString('base64url');
    const view = await this.dataSource.transaction(async (manager) => {
      const survey = await this.lockSurvey(manager, surveyId);
      if (survey.status === 'archived') throw AppError.conflict('surveys.archived');
      const [row] = await manager.query<
        {
          id: string;
          expires_at: Date | null;
          max_responses: number | null;
          response_count: number;
          created_at: Date;
        }[]
      >(
        `INSERT INTO survey_links (survey_id, token_hash, expires_at, max_responses, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [surveyId, sha256(token), dto.expiresAt ?? null, dto.maxResponses ?? null, actor.id],
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'survey.link',
          targetType: 'survey',
          targetId: surveyId,
          details: {
            linkId: row.id,
            expiresAt: dto.expiresAt ?? null,
            maxResponses: dto.maxResponses ?? null,
          },
        },
        manager,
      );
      return {
        id: row.id,
        surveyId,
        token,
        path: `/s/${token}`,
        expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
        maxResponses: row.max_responses,
        responseCount: row.response_count,
        createdAt: row.created_at.toISOString(),
      };
    });
    this.logger.log({ event: 'survey_link_created', surveyId, linkId: view.id, actorId: actor.id });
    return view;
  }

  /** A survey's links, newest first, with their counts (staff; the tokens are not kept). */
  async listLinks(
    actor: AuthUser,
    surveyId: string,
    query: { cursor?: string; limit?: number },
  ): Promise<Page<SurveyLinkSummaryDto>> {
    assertStaff(actor);
    await this.visibleSurvey(actor, surveyId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const params: unknown[] = [surveyId];
    let where = 'survey_id = $1';
    if (after) {
      params.push(after[0], after[1]);
      where += ' AND (created_at, id) < ($2::timestamptz, $3::uuid)';
    }
    params.push(limit + 1);
    const rows = await this.dataSource.query<
      {
        id: string;
        expires_at: Date | null;
        max_responses: number | null;
        response_count: number;
        exhausted: boolean;
        created_at: Date;
        created_key: string;
      }[]
    >(
      `SELECT id, expires_at, max_responses, response_count, created_at,
         (expires_at <= now() OR response_count >= max_responses) IS TRUE AS exhausted,
         to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_key
       FROM survey_links WHERE ${where}
       ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r) => [r.created_key, r.id],
      (r) => ({
        id: r.id,
        surveyId,
        expiresAt: r.expires_at ? r.expires_at.toISOString() : null,
        maxResponses: r.max_responses,
        responseCount: r.response_count,
        exhausted: r.exhausted,
        createdAt: r.created_at.toISOString(),
      }),
    );
  }

  /** The form behind a public link, with the territories a resident picks a village from. */
  async publicSurvey(token: string): Promise<PublicSurveyViewDto> {
    const link = await this.linkByToken(token);
    const survey = await this.surveyRow(this.dataSource.manager, link.survey_id);
    if (!survey || survey.status === 'draft') throw AppError.notFound('surveyLink');
    const territories = await this.dataSource.query<
      { id: string; name: LocalisedText; level: string; parent_id: string | null }[]
    >(
      `WITH RECURSIVE down AS (
         SELECT t.* FROM territories t JOIN survey_territories st ON st.territory_id = t.id
         WHERE st.survey_id = $1
         UNION SELECT t.* FROM territories t JOIN down ON t.parent_id = down.id)
       SELECT id, name, level, parent_id FROM down ORDER BY level, name->>'ky', id`,
      [survey.id],
    );
    return {
      id: survey.id,
      title: survey.title,
      description: survey.description,
      anonymous: survey.anonymous,
      version: survey.current_version,
      questions: survey.questions,
      closesAt: survey.closes_at ? survey.closes_at.toISOString() : null,
      territories: territories.map((t) => ({
        id: t.id,
        name: t.name,
        level: t.level,
        parentId: t.parent_id,
      })),
    };
  }

  private async linkByToken(
    token: string,
  ): Promise<{ id: string; survey_id: string; expires_at: Date | null }> {
    const [link] = await this.dataSource.query<
      { id: string; survey_id: string; expires_at: Date | null }[]
    >('SELECT id, survey_id, expires_at FROM survey_links WHERE token_hash = $1', [sha256(token)]);
    if (!link) throw AppError.notFound('surveyLink');
    if (link.expires_at && link.expires_at.getTime() <= Date.now())
      throw AppError.conflict('surveys.linkExpired');
    return link;
  }

  /** One more response on the link, unless it is full or expired (checked under the row lock). */
  private async countLinkResponse(manager: EntityManager, linkId: string): Promise<void> {
    const [link] = await manager.query<
      { expires_at: Date | null; max_responses: number | null; response_count: number }[]
    >(
      'SELECT expires_at, max_responses, response_count FROM survey_links WHERE id = $1 FOR UPDATE',
      [linkId],
    );
    if (!link) throw AppError.notFound('surveyLink');
    if (link.expires_at && link.expires_at.getTime() <= Date.now())
      throw AppError.conflict('surveys.linkExpired');
    if (link.max_responses !== null && link.response_count >= link.max_responses)
      throw AppError.conflict('surveys.linkFull', { max: link.max_responses });
    await manager.query(
      'UPDATE survey_links SET response_count = response_count + 1 WHERE id = $1',
      [linkId],
    );
  }

  // ---- helpers ----

  /** HMAC-SHA256(key, surveyId:userId): the same person, the same mark; no way back to them without the key. */
  private async respondentMark(surveyId: string, userId: string): Promise<string> {
    this.markKey ??= this.loadMarkKey();
    const key = await this.markKey.catch((error: unknown) => {
      this.markKey = null;
      throw error;
    });
    return createHmac('sha256', key).update(`${surveyId}:${userId}`).digest('base64url');
  }

  private async loadMarkKey(): Promise<string> {
    if (this.config.surveyMarkSecret) return this.config.surveyMarkSecret;
    await this.dataSource.query(
      `INSERT INTO survey_secrets (name, value) VALUES ('mark', $1) ON CONFLICT (name) DO NOTHING`,
      [randomBytes(48).toString('base64url')],
    );
    const [row] = await this.dataSource.query<{ value: string }[]>(
      `SELECT value FROM survey_secrets WHERE name = 'mark'`,
    );
    return row.value;
  }

  private async isEnumerator(userId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM organisation_members WHERE user_id = $1 LIMIT 1',
      [userId],
    );
    return rows.length > 0;
  }

  /** The survey as the viewer may see it: drafts are staff's (404 for anyone else). */
  private async visibleSurvey(viewer: AuthUser, id: string): Promise<SurveyRow> {
    const survey = await this.surveyRow(this.dataSource.manager, id);
    if (!survey || (survey.status === 'draft' && !isStaff(viewer)))
      throw AppError.notFound('survey');
    return survey;
  }

  private async surveyRow(manager: EntityManager, id: string): Promise<SurveyRow | undefined> {
    const [row] = await manager.query<SurveyRow[]>(`${SURVEY_SELECT} WHERE s.id = $1`, [id]);
    return row;
  }

  private async lockSurvey(manager: EntityManager, id: string): Promise<SurveyRow> {
    const locked = await manager.query<unknown[]>(
      'SELECT id FROM surveys WHERE id = $1 FOR UPDATE',
      [id],
    );
    const survey = locked.length ? await this.surveyRow(manager, id) : undefined;
    if (!survey) throw AppError.notFound('survey');
    return survey;
  }

  private async submissionRow(
    manager: EntityManager,
    id: string,
  ): Promise<SubmissionRow | undefined> {
    const [row] = await manager.query<SubmissionRow[]>(`${SUBMISSION_SELECT} WHERE b.id = $1`, [
      id,
    ]);
    return row;
  }

  private async versionQuestions(
    surveyId: string,
    version: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SurveyQuestion[] | undefined> {
    const [row] = await manager.query<{ questions: SurveyQuestion[] }[]>(
      'SELECT questions FROM survey_versions WHERE survey_id = $1 AND version = $2',
      [surveyId, version],
    );
    return row?.questions;
  }

  private async setTerritories(
    manager: EntityManager,
    surveyId: string,
    territoryIds: string[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO survey_territories (survey_id, territory_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [surveyId, territoryIds],
    );
  }

  private async assertTerritories(ids: string[]): Promise<void> {
    const found = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM territories WHERE id = ANY($1::uuid[])',
      [ids],
    );
    if (found.length !== new Set(ids.map((id) => id.toLowerCase())).size)
      throw AppError.validation([{ field: 'territoryIds', key: 'field.unknownTerritoryIn' }]);
  }

  /** Whether the territory exists, and lies within (or is) one of the survey's territories. */
  private async territoryScope(
    surveyId: string,
    territoryId: string,
  ): Promise<{ known: boolean; inside: boolean }> {
    const [row] = await this.dataSource.query<{ known: boolean; inside: boolean }[]>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id FROM territories WHERE id = $1
         UNION ALL SELECT t.id, t.parent_id FROM territories t JOIN up ON t.id = up.parent_id)
       SELECT EXISTS (SELECT 1 FROM territories WHERE id = $1) AS known,
              EXISTS (SELECT 1 FROM up JOIN survey_territories st
                      ON st.territory_id = up.id AND st.survey_id = $2) AS inside`,
      [territoryId, surveyId],
    );
    return row;
  }
}

function assertStaff(actor: AuthUser): void {
  if (!isStaff(actor)) throw AppError.forbidden('surveys.onlyStaff');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function uniqueViolation(error: unknown, constraint: string): boolean {
  const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  const direct = error as { code?: string; constraint?: string };
  const source = driver ?? direct;
  return source?.code === '23505' && source.constraint === constraint;
}

/** `{field}` needs at least one language (an object of no languages says nothing). */
function textProblems(field: string, text: LocalisedTextDto | null | undefined): FieldProblem[] {
  if (text === undefined || text === null) return [];
  return LANGUAGES.some((language) => text[language])
    ? []
    : [{ field, key: 'surveys.textNeedsLanguage' }];
}

function datesProblems(opensAt: string | null, closesAt: string | null): FieldProblem[] {
  if (opensAt && closesAt && new Date(closesAt).getTime() <= new Date(opensAt).getTime())
    return [{ field: 'closesAt', key: 'surveys.closesBeforeOpens' }];
  return [];
}

function questionProblems(questions: SurveyQuestionDto[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  questions.forEach((question, index) => {
    problems.push(...textProblems(`questions.${index}.label`, question.label));
    (question.choices ?? []).forEach((choice, choiceIndex) =>
      problems.push(
        ...textProblems(`questions.${index}.choices.${choiceIndex}.label`, choice.label),
      ),
    );
  });
  const cleaned = cleanQuestions(questions);
  problems.push(...ruleFieldProblems(checkRules(cleaned), cleaned));
  return problems;
}

function cleanText(text: LocalisedTextDto): LocalisedText {
  const out: LocalisedText = {};
  for (const language of LANGUAGES) if (text[language]) out[language] = text[language];
  return out;
}

/** The questions as stored: only the fields the contract knows, in a fixed order. */
function cleanQuestions(questions: SurveyQuestionDto[]): SurveyQuestion[] {
  return questions.map((question) => {
    const out: SurveyQuestion = {
      key: question.key,
      type: question.type,
      label: cleanText(question.label),
    };
    if (question.required !== undefined) out.required = question.required;
    if (question.choices)
      out.choices = question.choices.map((c) => ({ code: c.code, label: cleanText(c.label) }));
    if (question.min !== undefined) out.min = question.min;
    if (question.max !== undefined) out.max = question.max;
    if (question.relevant !== undefined) out.relevant = question.relevant;
    if (question.constraint !== undefined) out.constraint = question.constraint;
    if (question.retired) out.retired = true;
    return out;
  });
}

function tallied(surveyId: string, dto: SubmitSurveyDto): TalliedSubmission {
  return {
    surveyId,
    version: dto.version,
    gender: dto.respondent.gender,
    ageBand: dto.respondent.ageBand,
    territoryId: dto.respondent.territoryId,
    answers: dto.answers,
  };
}

function toSurveyView(row: SurveyRow): SurveyViewDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    anonymous: row.anonymous,
    minCellSize: row.min_cell_size,
    territoryIds: row.territory_ids,
    audiences: row.audiences,
    opensAt: row.opens_at ? row.opens_at.toISOString() : null,
    closesAt: row.closes_at ? row.closes_at.toISOString() : null,
    status: row.status,
    version: row.current_version,
    questions: row.questions,
    hasSubmissions: row.first_submission_at !== null,
    createdById: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toSubmissionView(row: SubmissionRow, anonymous: boolean): SubmissionViewDto {
  return {
    id: row.id,
    surveyId: row.survey_id,
    version: row.version,
    mode: row.mode,
    respondent: { gender: row.gender, ageBand: row.age_band, territoryId: row.territory_id },
    answers: row.answers,
    collectedOn: row.collected_on,
    enteredById: anonymous ? null : row.entered_by,
    viaLink: row.link_id !== null,
    revisions: row.revisions ?? 0,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A survey's state inside a sentence, in the reader's language. */
function surveyStateName(state: SurveyStatus): Message {
  return { key: `surveys.state.${state}` };
}
