import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { assertKnownIds } from '../../common/database/known-ids.js';
import { AppError, type FieldProblem } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { EventsService } from '../events/events.service.js';
import type { IssueViewDto } from '../issues/dto/issue.dto.js';
import type { IssueStatus } from '../issues/issue.enums.js';
import { IssuesService } from '../issues/issues.service.js';
import { SurveyResultsService } from '../surveys/results/survey-results.service.js';
import { TerritoriesService } from '../territories/territories.service.js';
import type {
  CreateFindingDto,
  FindingsQueryDto,
  FindingTraceDto,
  FindingViewDto,
  IssueEvidenceDto,
  RaiseFindingIssueDto,
  TraceStepDto,
  TraceStepKind,
} from './dto/finding.dto.js';
import { TRACE_STEP_KINDS } from './dto/finding.dto.js';
import { FindingEvent } from './finding-event.entity.js';
import { FindingTerritory } from './finding-territory.entity.js';
import { Finding } from './finding.entity.js';
import type { FrozenSurveyEvidence } from './frozen-evidence.js';

const DEFAULT_GROUPING = 'gender';

interface TransitionRow {
  from_status: IssueStatus | null;
  to_status: IssueStatus;
  note: string | null;
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
}
const TITLE_CHARS = 120;
/** A chain of merges longer than this is not followed further (it cannot loop: ids differ). */
const MAX_MERGES = 10;

/**
 * Findings of the needs assessment (docs/findings.md): recorded by facilitators and admins,
 * read by every signed-in member. Survey cells are frozen when the finding is recorded; the
 * events it cites are shown as they are now.
 */
@Injectable()
export class FindingsService {
  private readonly logger = new Logger(FindingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly territories: TerritoriesService,
    private readonly events: EventsService,
    private readonly issues: IssuesService,
    private readonly surveyResults: SurveyResultsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser, dto: CreateFindingDto): Promise<FindingViewDto> {
    if (!isStaff(actor)) throw AppError.forbidden('findings.onlyStaff');
    const evidence = dto.evidence;
    const eventIds = evidence.eventIds ?? [];
    const problems: FieldProblem[] = [];
    if (!evidence.surveyId && !eventIds.length)
      problems.push({ field: 'evidence', key: 'findings.noEvidence' });
    if (!evidence.surveyId)
      for (const field of ['question', 'by', 'territoryLevel'] as const)
        if (evidence[field] !== undefined)
          problems.push({ field: `evidence.${field}`, key: 'findings.surveyOnlyWith' });
    if (problems.length) throw AppError.validation(problems);
    await assertKnownIds(this.dataSource, 'territories', dto.territoryIds, 'territoryIds');
    const known = await this.events.existing(eventIds);
    const unknown = eventIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !known.has(id))
      .map(({ i }) => ({ field: `evidence.eventIds.${i}`, key: 'findings.unknownEvent' as const }));
    if (unknown.length) throw AppError.validation(unknown);
    const frozen = evidence.surveyId ? await this.freeze(actor, dto) : null;

    const id = await this.dataSource.transaction(async (manager) => {
      const finding = await manager.save(
        manager.create(Finding, {
          statement: dto.statement,
          language: dto.language,
          category: dto.category,
          surveyId: frozen?.surveyId ?? null,
          surveyEvidence: frozen,
          frozenAt: frozen ? new Date(frozen.frozenAt) : null,
          issueId: null,
          raisedAt: null,
          createdById: actor.id,
        }),
      );
      await manager.insert(
        FindingTerritory,
        dto.territoryIds.map((territoryId) => ({ findingId: finding.id, territoryId })),
      );
      if (eventIds.length)
        await manager.insert(
          FindingEvent,
          eventIds.map((eventId) => ({ findingId: finding.id, eventId })),
        );
      return finding.id;
    });
    this.logger.log({ event: 'finding_recorded', findingId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  async get(actor: AuthUser, id: string): Promise<FindingViewDto> {
    const [view] = await this.views(actor, [await this.findOrFail(id)]);
    return view;
  }

  /** Newest first; keyset on (created_at, id). */
  async list(actor: AuthUser, query: FindingsQueryDto): Promise<Page<FindingViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(Finding)
      .createQueryBuilder('f')
      .orderBy('f.created_at', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .limit(limit + 1);
    if (query.category) qb.andWhere('f.category = :category', { category: query.category });
    if (query.surveyId) qb.andWhere('f.survey_id = :surveyId', { surveyId: query.surveyId });
    if (query.raised !== undefined)
      qb.andWhere(query.raised ? 'f.issue_id IS NOT NULL' : 'f.issue_id IS NULL');
    if (query.eventId)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM finding_events fe WHERE fe.finding_id = f.id AND fe.event_id = :eventId)',
        { eventId: query.eventId },
      );
    if (query.territoryId) {
      const ids = await this.territories.withDescendants(query.territoryId);
      qb.andWhere(
        'EXISTS (SELECT 1 FROM finding_territories ft WHERE ft.finding_id = f.id AND ft.territory_id = ANY(:territories::uuid[]))',
        { territories: ids },
      );
    }
    if (after)
      qb.andWhere('(f.created_at, f.id) < (:createdBefore::timestamptz, :idBefore::uuid)', {
        createdBefore: after[0],
        idBefore: after[1],
      });
    const page = toPage(
      await qb.getMany(),
      limit,
      (f) => [f.createdAt.toISOString(), f.id],
      (f) => f,
    );
    return { ...page, items: await this.views(actor, page.items) };
  }

  /**
   * Raises a new issue thread from the finding: its statement, category, territories and
   * language, with the decision level given. A finding raises one issue at most (409 after).
   */
  async raiseIssue(actor: AuthUser, id: string, dto: RaiseFindingIssueDto): Promise<IssueViewDto> {
    if (!isStaff(actor)) throw AppError.forbidden('findings.onlyStaff');
    const issueId = await this.dataSource.transaction(async (manager) => {
      const finding = await manager.findOne(Finding, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!finding) throw AppError.notFound('finding');
      if (finding.issueId)
        throw AppError.conflict('findings.alreadyRaised', { issueId: finding.issueId });
      const territoryIds = (await manager.findBy(FindingTerritory, { findingId: id })).map(
        (t) => t.territoryId,
      );
      const created = await this.issues.createWithin(manager, actor, {
        title: dto.title ?? titleOf(finding.statement),
        body: finding.statement,
        category: finding.category,
        territoryIds,
        decisionLevel: dto.decisionLevel,
        language: finding.language,
      });
      await manager.update(Finding, { id }, { issueId: created, raisedAt: new Date() });
      if (finding.createdById !== actor.id)
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'finding.raise_issue',
            targetType: 'finding',
            targetId: id,
            details: { issueId: created, createdById: finding.createdById },
          },
          manager,
        );
      return created;
    });
    this.logger.log({ event: 'finding_raised', findingId: id, issueId, actorId: actor.id });
    return this.issues.get(actor, issueId);
  }

  /** The findings behind an issue, and behind the issues merged into it; oldest first. */
  async evidenceForIssue(actor: AuthUser, issueId: string): Promise<IssueEvidenceDto> {
    await this.issues.findOrFail(issueId);
    const findings = await this.dataSource
      .getRepository(Finding)
      .createQueryBuilder('f')
      .where(
        '(f.issue_id = :issueId OR f.issue_id IN (SELECT id FROM issues WHERE merged_into_id = :issueId))',
        { issueId },
      )
      .orderBy('f.created_at', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(100)
      .getMany();
    return { issueId, findings: await this.views(actor, findings) };
  }

  /**
   * finding → issue → transitions → escalations → answers, in time order. When the issue was
   * merged into another, the trace continues there from the moment of the merge.
   */
  async trace(_actor: AuthUser, id: string): Promise<FindingTraceDto> {
    const finding = await this.findOrFail(id);
    const steps: TraceStepDto[] = [
      { at: finding.createdAt.toISOString(), kind: 'finding_recorded' },
    ];
    let issueId: string | null = finding.issueId;
    let since: Date | null = null;
    for (let hop = 0; issueId && hop <= MAX_MERGES; hop++) {
      const transitions: TransitionRow[] = await this.dataSource.query<TransitionRow[]>(
        `SELECT t.from_status, t.to_status, t.note, t.actor_id, u.display_name AS actor_name,
                t.created_at
           FROM issue_transitions t LEFT JOIN users u ON u.id = t.actor_id
          WHERE t.issue_id = $1 AND ($2::timestamptz IS NULL OR t.created_at >= $2)
          ORDER BY t.created_at, t.id`,
        [issueId, since],
      );
      for (const t of transitions)
        steps.push({
          at: t.created_at.toISOString(),
          kind: t.from_status === null ? 'issue_raised' : 'transition',
          issueId,
          fromStatus: t.from_status,
          toStatus: t.to_status,
          note: t.note,
          actorId: t.actor_id,
          actorName: t.actor_name,
        });
      const escalations = await this.dataSource.query<
        {
          id: string;
          authority_organisation_id: string;
          authority_name: string;
          sent_at: Date;
          reference: string | null;
          response_due_at: Date;
          response_text: string | null;
          responded_at: Date | null;
        }[]
      >(
        `SELECT e.id, e.authority_organisation_id, o.name AS authority_name, e.sent_at,
                e.reference, e.response_due_at, e.response_text, e.responded_at
           FROM escalations e JOIN organisations o ON o.id = e.authority_organisation_id
          WHERE e.issue_id = $1 AND ($2::timestamptz IS NULL OR e.created_at >= $2)`,
        [issueId, since],
      );
      for (const e of escalations) {
        const common = {
          issueId,
          escalationId: e.id,
          authorityOrganisationId: e.authority_organisation_id,
          authorityName: e.authority_name,
        };
        steps.push({
          at: e.sent_at.toISOString(),
          kind: 'escalation_sent',
          ...common,
          reference: e.reference,
          responseDueAt: e.response_due_at.toISOString(),
        });
        if (e.responded_at && e.response_text !== null)
          steps.push({
            at: e.responded_at.toISOString(),
            kind: 'answer_received',
            ...common,
            responseText: e.response_text,
          });
      }
      const merged: TransitionRow | undefined = transitions.find((t) => t.to_status === 'merged');
      const [next] = await this.dataSource.query<{ merged_into_id: string | null }[]>(
        'SELECT merged_into_id FROM issues WHERE id = $1',
        [issueId],
      );
      issueId = next?.merged_into_id ?? null;
      since = merged?.created_at ?? null;
    }
    const order = (kind: TraceStepKind) => TRACE_STEP_KINDS.indexOf(kind);
    steps.sort((a, b) => a.at.localeCompare(b.at) || order(a.kind) - order(b.kind));
    return { findingId: id, issueId: finding.issueId, steps };
  }

  /**
   * Asks the results service as the finding's author and keeps the answer as it is. A draft
   * survey cannot be cited: its results are for staff only, and findings are read by everyone.
   */
  private async freeze(actor: AuthUser, dto: CreateFindingDto): Promise<FrozenSurveyEvidence> {
    const { surveyId, question, territoryLevel } = dto.evidence;
    const by = dto.evidence.by ?? DEFAULT_GROUPING;
    // Findings are read by every member: results staff alone may see (a draft's) stay out.
    const [survey] = await this.dataSource.query<{ status: string }[]>(
      'SELECT status FROM surveys WHERE id = $1',
      [surveyId],
    );
    if (!survey || survey.status === 'draft')
      throw AppError.validation([
        { field: 'evidence.surveyId', key: 'findings.surveyUnavailable' },
      ]);
    try {
      const results = await this.surveyResults.results(actor, surveyId!, {
        by,
        question,
        territoryLevel,
      });
      return {
        surveyId: surveyId!,
        by,
        question: question ?? null,
        territoryLevel: territoryLevel ?? null,
        minCellSize: results.minCellSize,
        frozenAt: new Date().toISOString(),
        results,
      };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'not_found')
        throw AppError.validation([
          { field: 'evidence.surveyId', key: 'findings.surveyUnavailable' },
        ]);
      if (error.code === 'validation_failed' && error.problems)
        throw AppError.validation(
          error.problems.map((p) => ({ ...p, field: `evidence.${p.field}` })),
        );
      throw error;
    }
  }

  private async findOrFail(id: string): Promise<Finding> {
    const finding = await this.dataSource.getRepository(Finding).findOneBy({ id });
    if (!finding) throw AppError.notFound('finding');
    return finding;
  }

  private async views(actor: AuthUser, findings: Finding[]): Promise<FindingViewDto[]> {
    if (!findings.length) return [];
    const ids = findings.map((f) => f.id);
    const [territories, links] = await Promise.all([
      this.dataSource.query<{ finding_id: string; territory_id: string }[]>(
        'SELECT finding_id, territory_id FROM finding_territories WHERE finding_id = ANY($1::uuid[]) ORDER BY territory_id',
        [ids],
      ),
      this.dataSource.query<{ finding_id: string; event_id: string }[]>(
        'SELECT finding_id, event_id FROM finding_events WHERE finding_id = ANY($1::uuid[]) ORDER BY event_id',
        [ids],
      ),
    ]);
    const events = await this.events.evidenceOf(actor, [...new Set(links.map((l) => l.event_id))]);
    const eventById = new Map(events.map((e) => [e.id, e]));
    const of = <R extends { finding_id: string }, V>(rows: R[], pick: (r: R) => V) => {
      const map = new Map<string, V[]>();
      for (const r of rows) map.set(r.finding_id, [...(map.get(r.finding_id) ?? []), pick(r)]);
      return map;
    };
    const territoryIds = of(territories, (r) => r.territory_id);
    const eventIds = of(links, (r) => r.event_id);
    return findings.map((f) => {
      const frozen = f.surveyEvidence;
      const cited = eventIds.get(f.id) ?? [];
      return {
        id: f.id,
        statement: f.statement,
        language: f.language,
        category: f.category,
        territoryIds: territoryIds.get(f.id) ?? [],
        evidence: {
          surveyId: f.surveyId,
          question: frozen?.question ?? null,
          by: frozen?.by ?? null,
          minCellSize: frozen?.minCellSize ?? null,
          frozenAt: f.frozenAt ? f.frozenAt.toISOString() : null,
          results: frozen?.results ?? null,
          eventIds: cited,
          events: cited.map((e) => eventById.get(e)).filter((e) => e !== undefined),
        },
        issueId: f.issueId,
        raisedAt: f.raisedAt ? f.raisedAt.toISOString() : null,
        createdById: f.createdById,
        createdAt: f.createdAt.toISOString(),
      };
    });
  }
}

/** The statement's first line, cut between code points, as an issue title. */
function titleOf(statement: string): string {
  const line = statement.split('\n')[0].trim();
  const chars = Array.from(line.length >= 3 ? line : statement.trim());
  return chars.length > TITLE_CHARS
    ? `${chars.slice(0, TITLE_CHARS - 1).join('')}…`
    : chars.join('');
}
