import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  type DataSource,
  type EntityManager,
  type Repository,
  type SelectQueryBuilder,
} from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  type CursorPart,
  decodeCursor,
  encodeCursor,
  type Page,
} from '../../common/pagination/pagination.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { OrganisationMember } from '../organisations/organisation-member.entity.js';
import { TerritoriesService } from '../territories/territories.service.js';
import type {
  CreateIssueDto,
  HistoryDto,
  IssuesQueryDto,
  IssueViewDto,
  UpdateIssueDto,
} from './dto/issue.dto.js';
import { actorOn, mayEdit } from './issue-access.js';
import { IssueFollow } from './issue-follow.entity.js';
import { IssueRevision } from './issue-revision.entity.js';
import { IssueTerritory } from './issue-territory.entity.js';
import { IssueTransition } from './issue-transition.entity.js';
import { allowedMoves, checkMove } from './issue-workflow.js';
import { Issue } from './issue.entity.js';
import type { IssueSort, IssueStatus } from './issue.enums.js';

interface Extra {
  following?: boolean;
  overdue?: boolean;
  author_name: string | null;
  rank?: number;
  title_highlight?: string;
  snippet?: string;
}

type SortKey = 'newest' | 'endorsed' | 'active' | 'relevance';

/** After the sort's name (so a cursor of one sort is refused by another): its key values. */
const CURSOR_SHAPE: Record<SortKey, CursorPart[]> = {
  newest: ['string', 'time', 'uuid'],
  endorsed: ['string', 'number', 'time', 'uuid'],
  active: ['string', 'time', 'uuid'],
  relevance: ['string', 'number', 'uuid'],
};

const MARK_OPEN = '\u0002';
const MARK_CLOSE = '\u0003';
/**
 * Stand-ins for < and > while PostgreSQL builds headlines: its parser takes `<word …>` for an
 * HTML tag and drops it, but titles and bodies are plain text, shown as written.
 */
const LT = '\ue000';
const GT = '\ue001';

@Injectable()
export class IssuesService {
  private readonly logger = new Logger(IssuesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Issue) private readonly issues: Repository<Issue>,
    private readonly territories: TerritoriesService,
    private readonly notifications: NotificationsService,
  ) {}

  async create(actor: AuthUser, dto: CreateIssueDto): Promise<IssueViewDto> {
    await this.assertTerritories(dto.territoryIds);
    if (dto.organisationId) await this.assertMemberOf(actor, dto.organisationId);
    const id = await this.dataSource.transaction(async (manager) => {
      const issue = await manager.save(
        manager.create(Issue, {
          title: dto.title,
          body: dto.body,
          category: dto.category,
          decisionLevel: dto.decisionLevel,
          language: dto.language ?? 'ky',
          authorId: actor.id,
          organisationId: dto.organisationId ?? null,
          mergedIntoId: null,
          status: 'raised',
        }),
      );
      await manager.insert(
        IssueTerritory,
        dto.territoryIds.map((territoryId) => ({ issueId: issue.id, territoryId })),
      );
      await manager.insert(IssueTransition, {
        issueId: issue.id,
        fromStatus: null,
        toStatus: 'raised',
        actorId: actor.id,
        note: null,
      });
      // The author follows what they raised.
      await manager.insert(IssueFollow, { issueId: issue.id, userId: actor.id });
      await refreshCounts(manager, issue.id);
      return issue.id;
    });
    this.logger.log({ event: 'issue_raised', issueId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  async get(actor: AuthUser, id: string): Promise<IssueViewDto> {
    const { entities, raw } = await this.withAuthor()
      .where('i.id = :id', { id })
      .getRawAndEntities<Extra>();
    if (!entities[0] || !raw[0]) throw AppError.notFound('Issue');
    const [territories, flags] = await Promise.all([
      this.territoriesOf([id]),
      this.flagsOf(actor, [id]),
    ]);
    return this.toView(
      actor,
      entities[0],
      { ...raw[0], ...flags.get(id) },
      territories.get(id) ?? [],
    );
  }

  async list(actor: AuthUser, query: IssuesQueryDto): Promise<Page<IssueViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const sort: SortKey = query.sort ?? (query.q ? 'relevance' : 'newest');
    const after = decodeIssueCursor(query.cursor, sort);
    const qb = this.withAuthor().limit(limit + 1);
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.category) qb.andWhere('i.category = :category', { category: query.category });
    if (query.decisionLevel)
      qb.andWhere('i.decision_level = :level', { level: query.decisionLevel });
    if (query.organisationId)
      qb.andWhere('i.organisation_id = :org', { org: query.organisationId });
    if (query.overdue !== undefined) qb.andWhere(`${query.overdue ? '' : 'NOT '}${OVERDUE_SQL}`);
    if (query.territoryId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM issue_territories it WHERE it.issue_id = i.id AND it.territory_id = ANY(:territoryIds))',
        { territoryIds: await this.territories.withDescendants(query.territoryId) },
      );
    }
    if (query.q) this.search(qb, query.q);
    applySort(qb, sort, after);

    const { entities, raw } = await qb.getRawAndEntities<Extra>();
    const hasMore = entities.length > limit;
    const rows = entities.slice(0, limit);
    const ids = rows.map((r) => r.id);
    const [territories, flags] = await Promise.all([
      this.territoriesOf(ids),
      this.flagsOf(actor, ids),
    ]);
    const items = rows.map((issue, i) =>
      this.toView(
        actor,
        issue,
        { ...raw[i], ...flags.get(issue.id) },
        territories.get(issue.id) ?? [],
      ),
    );
    const last = rows[rows.length - 1];
    return {
      items,
      nextCursor:
        hasMore && last
          ? encodeCursor([sort, ...cursorOf(sort, last, raw[rows.length - 1])])
          : null,
    };
  }

  async update(actor: AuthUser, id: string, dto: UpdateIssueDto): Promise<IssueViewDto> {
    const issue = await this.findOrFail(id);
    if (!mayEdit(actor, issue))
      throw AppError.forbidden('Only the author, facilitators and admins may edit an issue');
    if (issue.status === 'merged')
      throw AppError.conflict('A merged issue cannot be edited; edit the issue it was merged into');
    if (dto.territoryIds) await this.assertTerritories(dto.territoryIds);
    if (dto.organisationId) await this.assertMemberOf(actor, dto.organisationId, issue.authorId);

    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOneOrFail(Issue, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of [
        'title',
        'body',
        'category',
        'decisionLevel',
        'organisationId',
        'language',
      ] as const) {
        const next = dto[field];
        if (next !== undefined && next !== locked[field]) {
          changes[field] = { from: locked[field], to: next };
          (locked as unknown as Record<string, unknown>)[field] = next;
        }
      }
      if (dto.territoryIds) {
        const current = (await manager.findBy(IssueTerritory, { issueId: id }))
          .map((t) => t.territoryId)
          .sort();
        const next = [...dto.territoryIds].sort();
        if (current.join() !== next.join()) {
          changes.territoryIds = { from: current, to: next };
          await manager.delete(IssueTerritory, { issueId: id });
          await manager.insert(
            IssueTerritory,
            next.map((territoryId) => ({ issueId: id, territoryId })),
          );
        }
      }
      if (!Object.keys(changes).length) return;
      await manager.save(locked);
      await manager.save(
        manager.create(IssueRevision, { issueId: id, editorId: actor.id, changes }),
      );
    });
    return this.get(actor, id);
  }

  /** A move in the workflow requested by a person: checked against the table. */
  async transition(
    actor: AuthUser,
    id: string,
    to: IssueStatus,
    note?: string,
  ): Promise<IssueViewDto> {
    const from = await this.dataSource.transaction(async (manager) => {
      const issue = await lockIssue(manager, id);
      const check = checkMove(issue.status, to, actorOn(actor, issue), note);
      if (!check.ok) throw moveRefusal(issue.status, to, check.reason, check.allowed);
      await applyMove(manager, issue, to, actor.id, note ?? null);
      return issue.status;
    });
    await this.afterMove(actor.id, id, from, to, note ?? null);
    return this.get(actor, id);
  }

  /**
   * For other modules (escalations): make a move inside their transaction, with the rights
   * of staff. Returns the previous status, or null when the issue already had `to`.
   * Call `afterMove` once the transaction has committed.
   */
  async moveWithin(
    manager: EntityManager,
    id: string,
    to: IssueStatus,
    actorId: string,
    note: string | null,
  ): Promise<IssueStatus | null> {
    const issue = await lockIssue(manager, id);
    if (issue.status === to) return null;
    const check = checkMove(
      issue.status,
      to,
      { isAuthor: false, isStaff: true },
      note ?? 'recorded',
      'escalation',
    );
    if (!check.ok) throw moveRefusal(issue.status, to, check.reason, check.allowed);
    const from = issue.status;
    await applyMove(manager, issue, to, actorId, note);
    return from;
  }

  /** Notifies followers of a committed move. */
  async afterMove(
    actorId: string | null,
    id: string,
    from: IssueStatus,
    to: IssueStatus,
    note: string | null,
  ): Promise<void> {
    this.logger.log({ event: 'issue_moved', issueId: id, from, to, actorId });
    const issue = await this.issues.findOneBy({ id });
    await this.notifications.issueEvent({
      kind: 'status_changed',
      issueId: id,
      actorId,
      payload: { issueTitle: issue?.title, from, to, note },
    });
  }

  async history(actor: AuthUser, id: string): Promise<HistoryDto> {
    await this.findOrFail(id);
    const transitions = await this.dataSource
      .getRepository(IssueTransition)
      .find({ where: { issueId: id }, relations: { actor: true }, order: { createdAt: 'ASC' } });
    const revisions = await this.dataSource
      .getRepository(IssueRevision)
      .find({ where: { issueId: id }, relations: { editor: true }, order: { createdAt: 'ASC' } });
    return {
      items: transitions.map((t) => ({
        id: t.id,
        fromStatus: t.fromStatus,
        toStatus: t.toStatus,
        actor: t.actor ? { id: t.actor.id, displayName: t.actor.displayName } : null,
        note: t.note,
        createdAt: t.createdAt.toISOString(),
      })),
      revisions: revisions.map((r) => ({
        id: r.id,
        editor: r.editor ? { id: r.editor.id, displayName: r.editor.displayName } : null,
        changes: r.changes,
        createdAt: r.createdAt.toISOString(),
      })),
      nextCursor: null,
    };
  }

  async findOrFail(id: string): Promise<Issue> {
    const issue = await this.issues.findOneBy({ id });
    if (!issue) throw AppError.notFound('Issue');
    return issue;
  }

  private withAuthor(): SelectQueryBuilder<Issue> {
    return this.issues
      .createQueryBuilder('i')
      .leftJoin('i.author', 'a')
      .addSelect('a.display_name', 'author_name');
  }

  /**
   * The caller's `following` and the `overdue` flag, for the rows of a page only: computed
   * in the page query they cost a scan of every escalation per request (see bench/README.md).
   */
  private async flagsOf(
    actor: AuthUser,
    ids: string[],
  ): Promise<Map<string, { following: boolean; overdue: boolean }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; following: boolean; overdue: boolean }[] =
      await this.dataSource.query(
        `SELECT i.id,
              EXISTS (SELECT 1 FROM issue_follows f WHERE f.issue_id = i.id AND f.user_id = $2) AS following,
              ${OVERDUE_SQL} AS overdue
         FROM unnest($1::uuid[]) AS i(id)`,
        [ids, actor.id],
      );
    return new Map(rows.map((r) => [r.id, { following: r.following, overdue: r.overdue }]));
  }

  /** Matches in the issue's title and body, its visible comments, and near spellings of its title. */
  private search(qb: SelectQueryBuilder<Issue>, q: string): void {
    const matches = `(
      SELECT m.issue_id, sum(m.r)::float8 AS rank FROM (
        SELECT i2.id AS issue_id, ts_rank(i2.search_vector, websearch_to_tsquery('kenesh', :q)) AS r
          FROM issues i2 WHERE i2.search_vector @@ websearch_to_tsquery('kenesh', :q)
        UNION ALL
        SELECT c.issue_id, 0.5 * ts_rank(c.search_vector, websearch_to_tsquery('kenesh', :q))
          FROM comments c
         WHERE c.search_vector @@ websearch_to_tsquery('kenesh', :q) AND c.deleted_at IS NULL AND c.hidden_at IS NULL
        UNION ALL
        SELECT i3.id, word_similarity(:q, i3.title) FROM issues i3 WHERE :q <% i3.title
      ) m GROUP BY m.issue_id
    )`;
    qb.innerJoin(matches, 's', 's.issue_id = i.id')
      .addSelect('s.rank', 'rank')
      .addSelect(
        `ts_headline('kenesh', translate(i.title, '<>', '${LT}${GT}'), websearch_to_tsquery('kenesh', :q), 'HighlightAll=true, StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}')`,
        'title_highlight',
      )
      .addSelect(
        `ts_headline('kenesh', translate(i.body, '<>', '${LT}${GT}'), websearch_to_tsquery('kenesh', :q), 'MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … ", StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}')`,
        'snippet',
      )
      .setParameter('q', q);
  }

  private async territoriesOf(issueIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (!issueIds.length) return map;
    const rows = await this.dataSource
      .getRepository(IssueTerritory)
      .createQueryBuilder('t')
      .where('t.issue_id = ANY(:issueIds)', { issueIds })
      .orderBy('t.territory_id')
      .getMany();
    for (const row of rows)
      map.set(row.issueId, [...(map.get(row.issueId) ?? []), row.territoryId]);
    return map;
  }

  private async assertTerritories(ids: string[]): Promise<void> {
    const found: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM territories WHERE id = ANY($1::uuid[])',
      [ids],
    );
    if (found.length !== ids.length) {
      throw AppError.validation([
        { field: 'territoryIds', message: 'territoryIds contains a territory that does not exist' },
      ]);
    }
  }

  /** An issue is raised for an organisation only by one of its members. */
  private async assertMemberOf(
    actor: AuthUser,
    organisationId: string,
    authorId?: string | null,
  ): Promise<void> {
    if (!(await this.dataSource.getRepository(Organisation).existsBy({ id: organisationId }))) {
      throw AppError.validation([
        { field: 'organisationId', message: 'organisationId is not a known organisation' },
      ]);
    }
    const memberId = authorId ?? actor.id;
    const member = await this.dataSource
      .getRepository(OrganisationMember)
      .existsBy({ organisationId, userId: memberId });
    if (!member)
      throw AppError.forbidden(
        'An issue can be raised only for an organisation its author belongs to',
      );
  }

  private toView(
    actor: AuthUser,
    issue: Issue,
    extra: Extra,
    territoryIds: string[],
  ): IssueViewDto {
    const view: IssueViewDto = {
      id: issue.id,
      title: issue.title,
      body: issue.body,
      category: issue.category,
      decisionLevel: issue.decisionLevel,
      status: issue.status,
      language: issue.language,
      territoryIds,
      authorId: issue.authorId,
      author:
        issue.authorId && extra.author_name
          ? { id: issue.authorId, displayName: extra.author_name }
          : null,
      organisationId: issue.organisationId,
      mergedIntoId: issue.mergedIntoId,
      endorsementCount: issue.endorsementCount,
      commentCount: issue.commentCount,
      followerCount: issue.followerCount,
      following: Boolean(extra.following),
      overdue: Boolean(extra.overdue),
      allowedTransitions: allowedMoves(issue.status, actorOn(actor, issue)),
      lastActivityAt: issue.lastActivityAt.toISOString(),
      statusChangedAt: issue.statusChangedAt.toISOString(),
      createdAt: issue.createdAt.toISOString(),
      updatedAt: issue.updatedAt.toISOString(),
    };
    if (extra.rank !== undefined && extra.rank !== null) {
      view.search = {
        rank: Number(extra.rank),
        titleHighlight: highlight(extra.title_highlight ?? issue.title),
        snippet: highlight(extra.snippet ?? ''),
      };
    }
    return view;
  }
}

const OVERDUE_SQL =
  'EXISTS (SELECT 1 FROM escalations e WHERE e.issue_id = i.id AND e.responded_at IS NULL AND e.response_due_at < now())';

function applySort(
  qb: SelectQueryBuilder<Issue>,
  sort: SortKey,
  after: (string | number)[] | undefined,
): void {
  switch (sort) {
    case 'newest':
      qb.orderBy('i.created_at', 'DESC').addOrderBy('i.id', 'DESC');
      if (after) qb.andWhere('(i.created_at, i.id) < (:c0, :c1)', { c0: after[0], c1: after[1] });
      return;
    case 'endorsed':
      qb.orderBy('i.endorsement_count', 'DESC')
        .addOrderBy('i.created_at', 'DESC')
        .addOrderBy('i.id', 'DESC');
      if (after)
        qb.andWhere('(i.endorsement_count, i.created_at, i.id) < (:c0, :c1, :c2)', {
          c0: after[0],
          c1: after[1],
          c2: after[2],
        });
      return;
    case 'active':
      qb.orderBy('i.last_activity_at', 'DESC').addOrderBy('i.id', 'DESC');
      if (after)
        qb.andWhere('(i.last_activity_at, i.id) < (:c0, :c1)', { c0: after[0], c1: after[1] });
      return;
    case 'relevance':
      qb.orderBy('s.rank', 'DESC').addOrderBy('i.id', 'DESC');
      if (after)
        qb.andWhere('(s.rank, i.id) < (:c0::float8, :c1::uuid)', { c0: after[0], c1: after[1] });
      return;
  }
}

/** The key values of a cursor this API issued for this sort; another sort's cursor is a 400. */
function decodeIssueCursor(
  cursor: string | undefined,
  sort: SortKey,
): (string | number)[] | undefined {
  const values = decodeCursor(cursor, CURSOR_SHAPE[sort]);
  if (!values) return undefined;
  const [tag, ...key] = values;
  if (tag !== sort) {
    throw AppError.validation([
      { field: 'cursor', message: `cursor is not one this API issued for sort ${sort}` },
    ]);
  }
  return key;
}

function cursorOf(sort: SortKey, issue: Issue, extra: Extra): (string | number)[] {
  switch (sort) {
    case 'newest':
      return [issue.createdAt.toISOString(), issue.id];
    case 'endorsed':
      return [issue.endorsementCount, issue.createdAt.toISOString(), issue.id];
    case 'active':
      return [issue.lastActivityAt.toISOString(), issue.id];
    case 'relevance':
      return [Number(extra.rank), issue.id];
  }
}

/** Escapes the text for HTML, then turns PostgreSQL's match markers into <mark> tags. */
function highlight(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replaceAll(LT, '&lt;')
    .replaceAll(GT, '&gt;')
    .replaceAll(MARK_OPEN, '<mark>')
    .replaceAll(MARK_CLOSE, '</mark>');
}

async function lockIssue(manager: EntityManager, id: string): Promise<Issue> {
  const issue = await manager.findOne(Issue, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!issue) throw AppError.notFound('Issue');
  return issue;
}

async function applyMove(
  manager: EntityManager,
  issue: Issue,
  to: IssueStatus,
  actorId: string,
  note: string | null,
): Promise<void> {
  await manager.update(
    Issue,
    { id: issue.id },
    { status: to, statusChangedAt: () => 'now()', lastActivityAt: () => 'now()' },
  );
  await manager.insert(IssueTransition, {
    issueId: issue.id,
    fromStatus: issue.status,
    toStatus: to,
    actorId,
    note,
  });
}

function moveRefusal(
  from: IssueStatus,
  to: IssueStatus,
  reason: string,
  allowed: IssueStatus[],
): AppError {
  const options = allowed.length
    ? `allowed from ${from}: ${allowed.join(', ')}`
    : `no move from ${from} is open to you`;
  if (reason === 'note_required') {
    return AppError.validation([{ field: 'note', message: `a note is required to move to ${to}` }]);
  }
  if (to === 'merged')
    return AppError.conflict(`An issue becomes merged only through merge (${options})`);
  if (reason === 'via_escalation') {
    return AppError.conflict(
      to === 'escalated'
        ? `An issue is escalated by sending an escalation: POST /issues/:id/escalations (${options})`
        : `An issue is answered by recording the escalation's answer: PATCH /escalations/:id (${options})`,
    );
  }
  return AppError.conflict(`Cannot move from ${from} to ${to} (${options})`);
}

/** Counters on the issue recomputed from their tables, inside the change's transaction. */
export async function refreshCounts(manager: EntityManager, issueId: string): Promise<void> {
  await manager.query(
    `UPDATE issues SET
       endorsement_count = (SELECT count(*) FROM endorsements WHERE issue_id = $1),
       follower_count = (SELECT count(*) FROM issue_follows WHERE issue_id = $1),
       comment_count = (SELECT count(*) FROM comments WHERE issue_id = $1 AND deleted_at IS NULL AND hidden_at IS NULL)
     WHERE id = $1`,
    [issueId],
  );
}

export type { IssueSort };
