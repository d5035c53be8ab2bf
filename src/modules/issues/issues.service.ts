import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, type Repository } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import type { Message } from '../../common/i18n/i18n.js';
import {
  DEFAULT_LIMIT,
  type CursorPart,
  decodeCursor,
  encodeCursor,
  type Page,
  type PageQueryDto,
  toPage,
} from '../../common/pagination/pagination.js';
import { runPrepared } from '../../infra/database/prepared.js';
import type { AttachmentView } from '../attachments/attachment-parents.js';
import { AttachmentsService } from '../attachments/attachments.service.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { OrganisationMember } from '../organisations/organisation-member.entity.js';
import { highlightIssue } from '../search/search-highlight.js';
import { SearchTermsService } from '../search/search-terms.service.js';
import { TerritoriesService } from '../territories/territories.service.js';
import type {
  CreateIssueDto,
  HistoryDto,
  IssuesQueryDto,
  IssueCardDto,
  IssueViewDto,
  UpdateIssueDto,
} from './dto/issue.dto.js';
import { excerptOf } from './excerpt.js';
import { actorOn, mayEdit } from './issue-access.js';
import { IssueFollow } from './issue-follow.entity.js';
import { IssueRevision } from './issue-revision.entity.js';
import { IssueTerritory } from './issue-territory.entity.js';
import { IssueTransition } from './issue-transition.entity.js';
import { type Actor, allowedMoves, checkMove } from './issue-workflow.js';
import { Issue } from './issue.entity.js';
import { contentLanguage } from '../../common/text/content-language.js';
import type { IssueSort, IssueStatus } from './issue.enums.js';

interface Extra {
  following?: boolean;
  overdue?: boolean;
  author_name: string | null;
  rank?: number;
  hit?: ReturnType<typeof highlightIssue>;
}

/** An issue row as the read statements select it (ISSUE_COLUMNS). */
interface IssueRow {
  id: string;
  title: string;
  body: string;
  category: Issue['category'];
  decision_level: Issue['decisionLevel'];
  status: IssueStatus;
  language: Issue['language'];
  author_id: string | null;
  organisation_id: string | null;
  merged_into_id: string | null;
  endorsement_count: number;
  comment_count: number;
  follower_count: number;
  last_activity_at: Date;
  status_changed_at: Date;
  created_at: Date;
  updated_at: Date;
  author_name: string | null;
}

/** FLAG_COLUMNS, and HEADLINE_COLUMNS for a search. */
interface PageExtras {
  following: boolean;
  overdue: boolean;
  territory_ids: string[];
}

type SortKey = 'newest' | 'endorsed' | 'active' | 'relevance';

/** After the sort's name (so a cursor of one sort is refused by another): its key values. */
const CURSOR_SHAPE: Record<SortKey, CursorPart[]> = {
  newest: ['string', 'time', 'uuid'],
  endorsed: ['string', 'number', 'time', 'uuid'],
  active: ['string', 'time', 'uuid'],
  relevance: ['string', 'number', 'uuid'],
};

@Injectable()
export class IssuesService implements OnModuleInit {
  private readonly logger = new Logger(IssuesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Issue) private readonly issues: Repository<Issue>,
    private readonly territories: TerritoriesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly searchTerms: SearchTermsService,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * An issue's files are as visible as the issue: every signed-in member sees every issue
   * (merged ones included). Issues are not deleted; one that is gone takes its files with it.
   */
  onModuleInit(): void {
    this.attachments.registerParent('issue', {
      canView: async (_viewer, issueId) => (await this.missing([issueId])).size === 0,
      deleted: (issueIds) => this.missing(issueIds),
    });
  }

  /** Of these ids, those with no issue. */
  private async missing(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const found: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM issues WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const present = new Set(found.map((r) => r.id));
    return new Set(ids.filter((id) => !present.has(id)));
  }

  async create(actor: AuthUser, dto: CreateIssueDto): Promise<IssueViewDto> {
    const id = await this.dataSource.transaction((manager) =>
      this.createWithin(manager, actor, dto),
    );
    this.logger.log({
      event: 'issue_raised',
      issueId: id,
      actorId: actor.id,
      attachments: dto.attachmentIds?.length ?? 0,
    });
    return this.get(actor, id);
  }

  /**
   * For other modules (findings): raise an issue inside their transaction, with the checks of
   * `create`. Returns its id; read it with `get` once the transaction has committed.
   */
  async createWithin(
    manager: EntityManager,
    actor: AuthUser,
    dto: CreateIssueDto,
  ): Promise<string> {
    await this.assertTerritories(dto.territoryIds);
    if (dto.organisationId) await this.assertMemberOf(actor, dto.organisationId);
    const issue = await manager.save(
      manager.create(Issue, {
        title: dto.title,
        body: dto.body,
        category: dto.category,
        decisionLevel: dto.decisionLevel,
        language:
          dto.language ?? (await contentLanguage(manager, actor.id, `${dto.title}\n${dto.body}`)),
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
    // In the issue's transaction: a refusal (someone else's file, one attached elsewhere)
    // leaves no issue behind, and a failed insert leaves the files unattached.
    if (dto.attachmentIds?.length) {
      await this.attachments.claim(manager, actor.id, dto.attachmentIds, {
        type: 'issue',
        id: issue.id,
      });
    }
    return issue.id;
  }

  /** One prepared statement: the issue, its author's name, the caller's flags, its territories. */
  async get(actor: AuthUser, id: string): Promise<IssueViewDto> {
    const [row] = await runPrepared<IssueRow & PageExtras>(
      this.dataSource,
      'issues_get',
      `SELECT ${ISSUE_COLUMNS}, ${FLAG_COLUMNS}
         FROM issues i LEFT JOIN users a ON a.id = i.author_id
        WHERE i.id = $1`,
      [id, actor.id],
    );
    if (!row) throw AppError.notFound('issue');
    const files = await this.attachments.viewsFor('issue', [row.id]);
    return this.toView(actor, toIssue(row), row, row.territory_ids, files.get(row.id) ?? []);
  }

  /**
   * Two statements per page: the page (named and prepared, except for a search, whose plan
   * depends on how often the words occur), then the flags, territories and, for a search, the
   * highlights of the page's rows only.
   */
  async list(actor: AuthUser, query: IssuesQueryDto): Promise<Page<IssueCardDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const sort: SortKey = query.sort ?? (query.q ? 'relevance' : 'newest');
    const after = decodeIssueCursor(query.cursor, sort);
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (query.status) where.push(`i.status = ${param(query.status)}`);
    if (query.category) where.push(`i.category = ${param(query.category)}`);
    if (query.decisionLevel) where.push(`i.decision_level = ${param(query.decisionLevel)}`);
    if (query.organisationId)
      where.push(`i.organisation_id = ${param(query.organisationId)}::uuid`);
    if (query.overdue !== undefined) where.push(`${query.overdue ? '' : 'NOT '}${OVERDUE_SQL}`);
    if (query.territoryId) {
      const ids = await this.territories.withDescendants(query.territoryId);
      where.push(
        `EXISTS (SELECT 1 FROM issue_territories it WHERE it.issue_id = i.id AND it.territory_id = ANY(${param(ids)}::uuid[]))`,
      );
    }
    const plan = query.q ? await this.searchTerms.plan(query.q) : undefined;
    const q = query.q ? param(query.q) : undefined;
    const groups = plan ? param(plan.groups) : undefined;
    // Without other filters the search takes its page inside the match subquery: only the
    // page's rows are then joined to issues and users.
    const join =
      q && groups
        ? `JOIN ${searchMatches(q, groups, param, where.length ? undefined : { after, limit })} s ON s.issue_id = i.id`
        : '';
    where.push(...keysetCondition(sort, after, param));
    const sql = `SELECT ${ISSUE_COLUMNS}${q ? ', s.rank' : ''}
       FROM issues i ${join} LEFT JOIN users a ON a.id = i.author_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${ORDER_BY[sort]} LIMIT ${limit + 1}`;
    const found: (IssueRow & { rank?: number })[] = q
      ? await this.dataSource.query(sql, params)
      : await runPrepared(this.dataSource, `issues_list_${digest(sql)}`, sql, params);

    const hasMore = found.length > limit;
    const rows = found.slice(0, limit);
    const ids = rows.map((r) => r.id);
    // The page's files in one query (a card shows their thumbnails).
    const [extras, files] = await Promise.all([
      this.extrasOf(actor, ids),
      this.attachments.viewsFor('issue', ids),
    ]);
    const items = rows.map((row) => {
      const extra = extras.get(row.id);
      const hit = plan ? highlightIssue(row.title, row.body, plan.patterns) : undefined;
      return toCard(
        this.toView(
          actor,
          toIssue(row),
          { ...row, ...extra, hit },
          extra?.territory_ids ?? [],
          files.get(row.id) ?? [],
        ),
      );
    });
    const last = rows[rows.length - 1];
    return {
      items,
      nextCursor:
        hasMore && last ? encodeCursor([sort, ...cursorOf(sort, toIssue(last), last)]) : null,
    };
  }

  async update(actor: AuthUser, id: string, dto: UpdateIssueDto): Promise<IssueViewDto> {
    const issue = await this.findOrFail(id);
    if (!mayEdit(actor, issue)) throw AppError.forbidden('issues.onlyAuthorOrStaffEdit');
    if (issue.status === 'merged') throw AppError.conflict('issues.mergedCannotEdit');
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
      // Staff editing someone else's issue; the revision keeps the texts, the log says who.
      if (isStaff(actor) && issue.authorId !== actor.id) {
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'issue.edit',
            targetType: 'issue',
            targetId: id,
            details: { authorId: issue.authorId, fields: Object.keys(changes) },
          },
          manager,
        );
      }
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
      // Every move by staff: most moves only staff may make, so each one is a staff decision.
      if (isStaff(actor)) {
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'issue.transition',
            targetType: 'issue',
            targetId: id,
            details: { authorId: issue.authorId, from: issue.status, to, note: note ?? null },
          },
          manager,
        );
      }
      return issue.status;
    });
    await this.afterMove(actor.id, id, from, to, note ?? null);
    return this.get(actor, id);
  }

  /**
   * For other modules (escalations): make a move inside their transaction, with the rights
   * of staff unless `rights` says otherwise (a representative of the raising organisation
   * recording their own escalation moves with the representative's rights, issue 13).
   * Returns the previous status, or null when the issue already had `to`.
   * Call `afterMove` once the transaction has committed.
   */
  async moveWithin(
    manager: EntityManager,
    id: string,
    to: IssueStatus,
    actorId: string,
    note: string | null,
    rights: Actor = { isAuthor: false, isStaff: true },
  ): Promise<IssueStatus | null> {
    const issue = await lockIssue(manager, id);
    if (issue.status === to) return null;
    const check = checkMove(issue.status, to, rights, note ?? 'recorded', 'escalation');
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

  /** Transitions paged oldest first by (created_at, id); the edits come whole with each page. */
  async history(actor: AuthUser, id: string, query: PageQueryDto): Promise<HistoryDto> {
    await this.findOrFail(id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(IssueTransition)
      .createQueryBuilder('t')
      .leftJoinAndSelect('t.actor', 'a')
      .where('t.issue_id = :id', { id })
      .orderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(limit + 1);
    if (after) qb.andWhere('(t.created_at, t.id) > (:at, :tid)', { at: after[0], tid: after[1] });
    const page = toPage(
      await qb.getMany(),
      limit,
      (t) => [t.createdAt.toISOString(), t.id],
      (t) => t,
    );
    const transitions = page.items;
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
      nextCursor: page.nextCursor,
    };
  }

  async findOrFail(id: string): Promise<Issue> {
    const issue = await this.issues.findOneBy({ id });
    if (!issue) throw AppError.notFound('issue');
    return issue;
  }

  /**
   * For the rows of a page only: the caller's `following`, `overdue` (computed in the page
   * query they cost a scan of every escalation per request, see bench/README.md), the
   * territories. A search's highlights are made in the application from the page's titles
   * and bodies (search-highlight.ts), which compares words by search key as the match did.
   */
  private async extrasOf(actor: AuthUser, ids: string[]): Promise<Map<string, PageExtras>> {
    if (!ids.length) return new Map();
    const rows = await runPrepared<PageExtras & { id: string }>(
      this.dataSource,
      'issues_page_extras',
      `SELECT i.id, ${FLAG_COLUMNS} FROM unnest($1::uuid[]) AS i(id)`,
      [ids, actor.id],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async assertTerritories(ids: string[]): Promise<void> {
    const found: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM territories WHERE id = ANY($1::uuid[])',
      [ids],
    );
    if (found.length !== ids.length) {
      throw AppError.validation([{ field: 'territoryIds', key: 'field.unknownTerritoryIn' }]);
    }
  }

  /** An issue is raised for an organisation only by one of its members. */
  private async assertMemberOf(
    actor: AuthUser,
    organisationId: string,
    authorId?: string | null,
  ): Promise<void> {
    if (!(await this.dataSource.getRepository(Organisation).existsBy({ id: organisationId }))) {
      throw AppError.validation([{ field: 'organisationId', key: 'field.unknownOrganisation' }]);
    }
    const memberId = authorId ?? actor.id;
    const member = await this.dataSource
      .getRepository(OrganisationMember)
      .existsBy({ organisationId, userId: memberId });
    if (!member) throw AppError.forbidden('issues.onlyMembersRaise');
  }

  private toView(
    actor: AuthUser,
    issue: Issue,
    extra: Extra,
    territoryIds: string[],
    attachments: AttachmentView[],
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
      attachments,
    };
    if (extra.rank !== undefined && extra.rank !== null && extra.hit) {
      view.search = { rank: Number(extra.rank), ...extra.hit };
    }
    return view;
  }
}

const OVERDUE_SQL =
  'EXISTS (SELECT 1 FROM escalations e WHERE e.issue_id = i.id AND e.responded_at IS NULL AND e.response_due_at < now())';

const ISSUE_COLUMNS = `i.id, i.title, i.body, i.category, i.decision_level, i.status, i.language,
  i.author_id, i.organisation_id, i.merged_into_id, i.endorsement_count, i.comment_count,
  i.follower_count, i.last_activity_at, i.status_changed_at, i.created_at, i.updated_at,
  a.display_name AS author_name`;

/** Per issue `i`, for the caller `$2`. */
const FLAG_COLUMNS = `EXISTS (SELECT 1 FROM issue_follows f WHERE f.issue_id = i.id AND f.user_id = $2) AS following,
  ${OVERDUE_SQL} AS overdue,
  ARRAY(SELECT t.territory_id::text FROM issue_territories t WHERE t.issue_id = i.id ORDER BY t.territory_id) AS territory_ids`;

/**
 * Per search, at most this many matching issues (title and body), as many matching visible
 * comments and as many titles that only nearly match are ranked: the most recent ones. A word
 * found in more places than that ("суу" is in a third of all issues) is ranked among its most
 * recent matches only: an older text that would rank higher is not found by that word alone
 * (a rarer word, or one more word, finds it), and paging by relevance ends after them. While
 * someone pages such a word, new matches push older ones out: an issue may then be skipped, or
 * seen twice when it drops out of one list but not the other. Ranking every match cost a second
 * or more per search and scales with the data (bench/README.md, docs/issues.md).
 */
const SEARCH_CANDIDATES = 300;

/**
 * Issues whose title is only a near spelling of the words (trigrams, no match as written) are
 * looked for only when the words match fewer than this many issues and comments as written:
 * near spellings are for a misspelt or rare word, and that trigram index scan is the costliest
 * part of a search for a common one. A near title still adds its similarity to the rank of
 * every issue the words match, whether that scan ran or not, so no rank changes when a word
 * crosses this line while someone pages.
 */
const NEAR_ONLY_BELOW = 20;

const ORDER_BY: Record<SortKey, string> = {
  newest: 'i.created_at DESC, i.id DESC',
  endorsed: 'i.endorsement_count DESC, i.created_at DESC, i.id DESC',
  active: 'i.last_activity_at DESC, i.id DESC',
  relevance: 's.rank DESC, i.id DESC',
};

/** The WHERE conditions that continue after a cursor's key. */
function keysetCondition(
  sort: SortKey,
  after: (string | number)[] | undefined,
  param: (value: unknown) => string,
): string[] {
  if (!after) return [];
  switch (sort) {
    case 'newest':
      return [`(i.created_at, i.id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`];
    case 'endorsed':
      return [
        `(i.endorsement_count, i.created_at, i.id) < (${param(after[0])}::int, ${param(after[1])}::timestamptz, ${param(after[2])}::uuid)`,
      ];
    case 'active':
      return [
        `(i.last_activity_at, i.id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`,
      ];
    case 'relevance':
      return [`(s.rank, i.id) < (${param(after[0])}::float8, ${param(after[1])}::uuid)`];
  }
}

/**
 * The issues matching the words `q` (a parameter) with their rank: in the title and body
 * (weights A and B), in visible comments (half weight), and near spellings of the title. All
 * compared by search key (`kenesh_key`: folded, romanised). `groups` (a text[] parameter) are
 * the words with their thesaurus terms (SearchTermsService.plan); a text that matches the
 * words as typed gets 1 more than one that matches only through the thesaurus, so exact
 * matches rank above expanded ones. With `page`, only that page of them (by rank, after the
 * cursor), so that nothing else is joined to the other matches.
 */
function searchMatches(
  q: string,
  groups: string,
  param: (value: unknown) => string,
  page?: { after: (string | number)[] | undefined; limit: number },
): string {
  const tsq = `kenesh_query(${groups}::text[])`;
  const exact = `websearch_to_tsquery('kenesh', kenesh_key(${q}))`;
  const key = `kenesh_key(${q})`;
  const matches = `WITH text_matches AS (
      (SELECT i2.id AS issue_id,
              ts_rank(i2.search_vector, ${tsq}) + CASE WHEN i2.search_vector @@ ${exact} THEN 1 ELSE 0 END AS r
         FROM issues i2 WHERE i2.search_vector @@ ${tsq}
        ORDER BY i2.created_at DESC LIMIT ${SEARCH_CANDIDATES})
      UNION ALL
      (SELECT c.issue_id,
              0.5 * (ts_rank(c.search_vector, ${tsq}) + CASE WHEN c.search_vector @@ ${exact} THEN 1 ELSE 0 END)
         FROM comments c
        WHERE c.search_vector @@ ${tsq} AND c.deleted_at IS NULL AND c.hidden_at IS NULL
        ORDER BY c.created_at DESC LIMIT ${SEARCH_CANDIDATES})
    )
    SELECT g.issue_id,
           (g.r + CASE WHEN ${key} <% t.title_key THEN word_similarity(${key}, t.title_key) ELSE 0 END)::float8 AS rank
      FROM (
        SELECT m.issue_id, sum(m.r) AS r FROM (
          SELECT issue_id, r FROM text_matches
          UNION ALL
          (SELECT i3.id, 0 FROM issues i3
           WHERE ${key} <% kenesh_key(i3.title) AND (SELECT count(*) FROM text_matches) < ${NEAR_ONLY_BELOW}
           ORDER BY i3.created_at DESC LIMIT ${SEARCH_CANDIDATES})
        ) m GROUP BY m.issue_id
      ) g JOIN issues i4 ON i4.id = g.issue_id
        CROSS JOIN LATERAL (SELECT kenesh_key(i4.title) AS title_key OFFSET 0) t`;
  if (!page) return `(${matches})`;
  const after = page.after
    ? `WHERE (g.rank, g.issue_id) < (${param(page.after[0])}::float8, ${param(page.after[1])}::uuid)`
    : '';
  return `(SELECT g.issue_id, g.rank FROM (${matches}) g ${after}
      ORDER BY g.rank DESC, g.issue_id DESC LIMIT ${page.limit + 1})`;
}

/** A list carries an excerpt of each body: a page of 100 cards stays small on 2G. */
function toCard(view: IssueViewDto): IssueCardDto {
  const { id, title, body, ...rest } = view;
  return { id, title, excerpt: excerptOf(body), ...rest };
}

function toIssue(row: IssueRow): Issue {
  return Object.assign(new Issue(), {
    id: row.id,
    title: row.title,
    body: row.body,
    category: row.category,
    decisionLevel: row.decision_level,
    status: row.status,
    language: row.language,
    authorId: row.author_id,
    organisationId: row.organisation_id,
    mergedIntoId: row.merged_into_id,
    endorsementCount: row.endorsement_count,
    commentCount: row.comment_count,
    followerCount: row.follower_count,
    lastActivityAt: row.last_activity_at,
    statusChangedAt: row.status_changed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** A statement name for a list query text (each filter combination is its own statement). */
function digest(sql: string): string {
  return createHash('sha1').update(sql).digest('hex').slice(0, 16);
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
      { field: 'cursor', key: 'field.cursorOtherSort', params: { sort } },
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

async function lockIssue(manager: EntityManager, id: string): Promise<Issue> {
  const issue = await manager.findOne(Issue, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!issue) throw AppError.notFound('issue');
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
  const options: Message = allowed.length
    ? {
        key: 'issues.movesAllowed',
        params: { from: statusName(from), allowed: allowed.map(statusName) },
      }
    : { key: 'issues.noMoveOpen', params: { from: statusName(from) } };
  if (reason === 'note_required') {
    return AppError.validation([
      { field: 'note', key: 'field.noteRequired', params: { to: statusName(to) } },
    ]);
  }
  if (to === 'merged') return AppError.conflict('issues.mergedOnlyByMerge', { options });
  if (reason === 'via_escalation') {
    return AppError.conflict(
      to === 'escalated' ? 'issues.escalatedBySending' : 'issues.answeredByRecording',
      { options },
    );
  }
  return AppError.conflict('issues.cannotMove', {
    from: statusName(from),
    to: statusName(to),
    options,
  });
}

/** A status inside a sentence, in the reader's language (English keeps the code). */
export function statusName(status: IssueStatus): Message {
  return { key: `status.${status}` };
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
