import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError, type FieldProblem } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import type { IssueStatus } from '../issues/issue.enums.js';
import { IssuesService, statusName } from '../issues/issues.service.js';
import type { OrganisationKind } from '../organisations/organisation.enums.js';
import { byRank, scoreBallot } from './ballot-scoring.js';
import { BallotIssue } from './ballot-issue.entity.js';
import { BallotVote, BallotVoteRevision } from './ballot-vote.entity.js';
import { Ballot } from './ballot.entity.js';
import { CHOOSABLE_STATUSES, NON_VOTING_KINDS } from './ballot.enums.js';
import type {
  BallotResultsDto,
  BallotsQueryDto,
  BallotViewDto,
  CastVoteDto,
  CreateBallotDto,
  GroupResultDto,
  OutcomeDto,
  VoteViewDto,
} from './dto/ballot.dto.js';

interface VoterRow {
  organisation_id: string;
  kind: OrganisationKind;
  aiyl_aimak_id: string | null;
}

/**
 * Priority ballots (issue 13). Every signed-in member sees every ballot and, once it closes, its
 * results; facilitators and admins open, close and decide them and enter paper votes (audited);
 * a representative of an organisation on the roll votes for it. See docs/ballots.md.
 */
@Injectable()
export class BallotsService {
  private readonly logger = new Logger(BallotsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issues: IssuesService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser, dto: CreateBallotDto): Promise<BallotViewDto> {
    if (!isStaff(actor)) throw AppError.forbidden('ballots.onlyStaff');
    const problems: FieldProblem[] = [];
    if (dto.method === 'dot') {
      if (dto.points === undefined) problems.push({ field: 'points', key: 'ballots.pointsForDot' });
      if (dto.maxChoices !== undefined)
        problems.push({ field: 'maxChoices', key: 'ballots.maxChoicesNotForDot' });
    } else if (dto.points !== undefined) {
      problems.push({ field: 'points', key: 'ballots.pointsForDot' });
    }
    if (dto.maxChoices !== undefined && dto.maxChoices > dto.issueIds.length)
      problems.push({
        field: 'maxChoices',
        key: 'ballots.maxChoicesAboveIssues',
        params: { count: dto.issueIds.length },
      });
    if (Date.parse(dto.closesAt) <= Date.now())
      problems.push({ field: 'closesAt', key: 'ballots.closesInPast' });
    const found = await this.dataSource.query<{ id: string; status: IssueStatus }[]>(
      'SELECT id, status FROM issues WHERE id = ANY($1::uuid[])',
      [dto.issueIds],
    );
    const statusOf = new Map(found.map((r) => [r.id, r.status]));
    dto.issueIds.forEach((id, i) => {
      const status = statusOf.get(id);
      if (!status) problems.push({ field: `issueIds.${i}`, key: 'field.unknownIssue' });
      else if (!CHOOSABLE_STATUSES.includes(status))
        problems.push({
          field: `issueIds.${i}`,
          key: 'ballots.issueNotChoosable',
          params: { status: statusName(status) },
        });
    });
    if (problems.length) throw AppError.validation(problems);

    const opened: { issueId: string; from: IssueStatus }[] = [];
    const note = Object.values(dto.title).find((v): v is string => typeof v === 'string') ?? null;
    const id = await this.dataSource.transaction(async (manager) => {
      const ballot = await manager.save(
        manager.create(Ballot, {
          title: { ...dto.title },
          method: dto.method,
          maxChoices: dto.maxChoices ?? null,
          points: dto.points ?? null,
          closesAt: new Date(dto.closesAt),
          status: 'open',
          closedAt: null,
          closedById: null,
          outcomeStatement: null,
          outcomeAt: null,
          outcomeById: null,
          createdById: actor.id,
        }),
      );
      await manager.insert(
        BallotIssue,
        dto.issueIds.map((issueId, i) => ({ ballotId: ballot.id, issueId, position: i + 1 })),
      );
      // On the ballot means under discussion: raised issues move to discussing through the
      // workflow now, so the outcome needs one move per issue (and each its own moment).
      for (const issueId of dto.issueIds)
        if (statusOf.get(issueId) === 'raised') {
          const from = await this.issues.moveWithin(manager, issueId, 'discussing', actor.id, note);
          if (from) opened.push({ issueId, from });
        }
      const voters = await freezeRoll(manager, ballot.id);
      if (!voters) throw AppError.conflict('ballots.noVoters');
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'ballot.open',
          targetType: 'ballot',
          targetId: ballot.id,
          details: { method: dto.method, issueIds: dto.issueIds, voters },
        },
        manager,
      );
      return ballot.id;
    });
    for (const m of opened)
      await this.issues.afterMove(actor.id, m.issueId, m.from, 'discussing', note);
    this.logger.log({ event: 'ballot_opened', ballotId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  async get(actor: AuthUser, id: string): Promise<BallotViewDto> {
    const ballot = await this.findOrFail(id);
    const [view] = await this.views(actor, [ballot]);
    return view;
  }

  /** Newest first; keyset on (created_at, id). */
  async list(actor: AuthUser, query: BallotsQueryDto): Promise<Page<BallotViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(Ballot)
      .createQueryBuilder('b')
      .orderBy('b.created_at', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .limit(limit + 1);
    // A ballot past closesAt counts as closed even before the job has closed it.
    if (query.status === 'open') qb.andWhere(`b.status = 'open' AND b.closes_at > now()`);
    if (query.status === 'closed') qb.andWhere(`(b.status = 'closed' OR b.closes_at <= now())`);
    if (query.issueId)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM ballot_issues bi WHERE bi.ballot_id = b.id AND bi.issue_id = :issueId)',
        { issueId: query.issueId },
      );
    if (after)
      qb.andWhere('(b.created_at, b.id) < (:at::timestamptz, :idAfter::uuid)', {
        at: after[0],
        idAfter: after[1],
      });
    const page = toPage(
      await qb.getMany(),
      limit,
      (b) => [b.createdAt.toISOString(), b.id],
      (b) => b,
    );
    return { ...page, items: await this.views(actor, page.items) };
  }

  /**
   * An organisation's vote, replacing the one before. A representative votes for their
   * organisation; a facilitator or admin enters a paper ballot with a note (audited).
   */
  async vote(
    actor: AuthUser,
    id: string,
    organisationId: string,
    dto: CastVoteDto,
  ): Promise<VoteViewDto> {
    const ballot = await this.findOrFail(id);
    const [organisation] = await this.dataSource.query<
      { kind: OrganisationKind; representative: boolean }[]
    >(
      `SELECT o.kind, EXISTS (SELECT 1 FROM organisation_members m
                WHERE m.organisation_id = o.id AND m.user_id = $2 AND m.role = 'representative')
                AS representative
         FROM organisations o WHERE o.id = $1`,
      [organisationId, actor.id],
    );
    if (!organisation) throw AppError.notFound('organisation');
    // A facilitator's own organisation votes as any other unless a note says it is paper.
    const paper = isStaff(actor) && (dto.note !== undefined || !organisation.representative);
    if (!paper && !organisation.representative)
      throw AppError.forbidden('ballots.onlyRepresentative');
    if (paper && dto.note === undefined)
      throw AppError.validation([{ field: 'note', key: 'ballots.noteRequired' }]);
    if (!paper && dto.note !== undefined)
      throw AppError.validation([{ field: 'note', key: 'ballots.noteForPaper' }]);
    if (NON_VOTING_KINDS.includes(organisation.kind))
      throw AppError.forbidden('ballots.authorityDoesNotVote');
    const issueIds = await this.issueIdsOf(id);
    const content = checkVote(ballot, issueIds, dto);

    const { vote, changed } = await this.dataSource.transaction(async (manager) => {
      // Shares the ballot row with other votes; closing takes it exclusively, so no vote
      // slips in after the close.
      const locked = await manager.findOne(Ballot, {
        where: { id },
        lock: { mode: 'pessimistic_read' },
      });
      if (!locked) throw AppError.notFound('ballot');
      assertOpen(locked);
      const onRoll: unknown[] = await manager.query(
        'SELECT 1 FROM ballot_voters WHERE ballot_id = $1 AND organisation_id = $2',
        [id, organisationId],
      );
      if (!onRoll.length)
        throw AppError.forbidden('ballots.notOnRoll', {
          openedAt: locked.createdAt.toISOString(),
        });
      const existing = await manager.findOne(BallotVote, {
        where: { ballotId: id, organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      const note = paper ? (dto.note ?? null) : null;
      if (
        existing &&
        sameContent(existing, content) &&
        existing.paper === paper &&
        existing.note === note
      )
        return { vote: existing, changed: false };
      const values = {
        ballotId: id,
        organisationId,
        choices: content.choices,
        points: content.points,
        paper,
        note,
        recordedById: actor.id,
      };
      if (existing) await manager.update(BallotVote, { ballotId: id, organisationId }, values);
      else await manager.insert(BallotVote, values);
      await manager.insert(BallotVoteRevision, values);
      if (paper)
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'ballot.paper_vote',
            targetType: 'ballot',
            targetId: id,
            details: { organisationId, note, ...content },
          },
          manager,
        );
      const saved = await manager.findOneByOrFail(BallotVote, { ballotId: id, organisationId });
      return { vote: saved, changed: true };
    });
    if (changed)
      this.logger.log({
        event: 'ballot_vote',
        ballotId: id,
        organisationId,
        paper,
        actorId: actor.id,
      });
    return voteView(vote);
  }

  async close(actor: AuthUser, id: string): Promise<BallotViewDto> {
    if (!isStaff(actor)) throw AppError.forbidden('ballots.onlyStaff');
    await this.findOrFail(id);
    await this.dataSource.transaction(async (manager) => {
      const ballot = await lockBallot(manager, id);
      if (ballot.status === 'closed')
        throw AppError.conflict('ballots.closed', { closedAt: ballot.closedAt! });
      await manager.update(
        Ballot,
        { id },
        { status: 'closed', closedAt: new Date(), closedById: actor.id },
      );
      await this.audit.record(
        { actorId: actor.id, action: 'ballot.close', targetType: 'ballot', targetId: id },
        manager,
      );
    });
    this.logger.log({ event: 'ballot_closed', ballotId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  /** Closes the open ballots whose closesAt has passed (the job, and lazily on read). */
  async closeDue(ids?: string[]): Promise<number> {
    const rows = await this.dataSource.query<unknown[]>(
      `UPDATE ballots SET status = 'closed', closed_at = closes_at, updated_at = now()
        WHERE status = 'open' AND closes_at <= now() ${ids ? 'AND id = ANY($1::uuid[])' : ''}
        RETURNING id`,
      ids ? [ids] : [],
    );
    // node-postgres answers an UPDATE … RETURNING through TypeORM as [rows, count].
    const count = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
    if (count) this.logger.log({ event: 'ballots_closed_at_time', count });
    return count;
  }

  async results(_actor: AuthUser, id: string): Promise<BallotResultsDto> {
    let ballot = await this.findOrFail(id);
    if (ballot.status === 'open' && ballot.closesAt.getTime() <= Date.now()) {
      await this.closeDue([id]);
      ballot = await this.findOrFail(id);
    }
    if (ballot.status !== 'closed')
      throw AppError.conflict('ballots.notClosed', { closesAt: ballot.closesAt });
    return computeResults(this.dataSource.manager, ballot);
  }

  /** The issues the network chose move to prioritised through the workflow, all or none. */
  async outcome(actor: AuthUser, id: string, dto: OutcomeDto): Promise<BallotViewDto> {
    if (!isStaff(actor)) throw AppError.forbidden('ballots.onlyStaff');
    const ballot = await this.findOrFail(id);
    if (ballot.status === 'open' && ballot.closesAt.getTime() <= Date.now())
      await this.closeDue([id]);
    const issueIds = await this.issueIdsOf(id);
    const problems = dto.selectedIssueIds
      .map((issueId, i) => ({ issueId, i }))
      .filter(({ issueId }) => !issueIds.includes(issueId))
      .map(({ i }) => ({ field: `selectedIssueIds.${i}`, key: 'ballots.notOnBallot' as const }));
    if (problems.length) throw AppError.validation(problems);

    const moves = await this.dataSource.transaction(async (manager) => {
      const locked = await lockBallot(manager, id);
      if (locked.status !== 'closed')
        throw AppError.conflict('ballots.outcomeBeforeClose', {
          closesAt: locked.closesAt.toISOString(),
        });
      if (locked.outcomeAt)
        throw AppError.conflict('ballots.outcomeOnce', {
          decidedAt: locked.outcomeAt.toISOString(),
        });
      const note = dto.statement;
      const done: { issueId: string; from: IssueStatus; to: IssueStatus }[] = [];
      for (const issueId of dto.selectedIssueIds) {
        try {
          const from = await this.issues.moveWithin(
            manager,
            issueId,
            'prioritised',
            actor.id,
            note,
          );
          if (from) done.push({ issueId, from, to: 'prioritised' });
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
          const [issue] = await manager.query<{ title: string; status: IssueStatus }[]>(
            'SELECT title, status FROM issues WHERE id = $1',
            [issueId],
          );
          throw AppError.conflict('ballots.cannotPrioritise', {
            issue: issue.title,
            issueId,
            status: statusName(issue.status),
          });
        }
      }
      await manager.query(
        'UPDATE ballot_issues SET selected = (issue_id = ANY($2::uuid[])) WHERE ballot_id = $1',
        [id, dto.selectedIssueIds],
      );
      await manager.update(
        Ballot,
        { id },
        { outcomeStatement: dto.statement, outcomeAt: new Date(), outcomeById: actor.id },
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'ballot.outcome',
          targetType: 'ballot',
          targetId: id,
          details: { selectedIssueIds: dto.selectedIssueIds },
        },
        manager,
      );
      return done;
    });
    for (const m of moves)
      await this.issues.afterMove(actor.id, m.issueId, m.from, m.to, dto.statement);
    this.logger.log({ event: 'ballot_outcome', ballotId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  private async issueIdsOf(id: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ issue_id: string }[]>(
      'SELECT issue_id FROM ballot_issues WHERE ballot_id = $1 ORDER BY position',
      [id],
    );
    return rows.map((r) => r.issue_id);
  }

  private async findOrFail(id: string): Promise<Ballot> {
    const ballot = await this.dataSource.getRepository(Ballot).findOneBy({ id });
    if (!ballot) throw AppError.notFound('ballot');
    return ballot;
  }

  /** Views of a page of ballots in a fixed number of queries whatever its size. */
  private async views(actor: AuthUser, ballots: Ballot[]): Promise<BallotViewDto[]> {
    if (!ballots.length) return [];
    const ids = ballots.map((b) => b.id);
    const [issues, counts, mine] = await Promise.all([
      this.dataSource.query<
        {
          ballot_id: string;
          id: string;
          title: string;
          status: IssueStatus;
          position: number;
          selected: boolean;
        }[]
      >(
        `SELECT bi.ballot_id, i.id, i.title, i.status, bi.position, bi.selected
           FROM ballot_issues bi JOIN issues i ON i.id = bi.issue_id
          WHERE bi.ballot_id = ANY($1::uuid[]) ORDER BY bi.ballot_id, bi.position`,
        [ids],
      ),
      this.dataSource.query<{ ballot_id: string; voters: number; voted: number }[]>(
        `SELECT v.ballot_id, count(*)::int AS voters, count(bv.organisation_id)::int AS voted
           FROM ballot_voters v
           LEFT JOIN ballot_votes bv ON bv.ballot_id = v.ballot_id AND bv.organisation_id = v.organisation_id
          WHERE v.ballot_id = ANY($1::uuid[]) GROUP BY v.ballot_id`,
        [ids],
      ),
      this.dataSource.query<
        { ballot_id: string; id: string; name: string; kind: OrganisationKind; on_roll: boolean }[]
      >(
        `SELECT b.id AS ballot_id, o.id, o.name, o.kind,
                EXISTS (SELECT 1 FROM ballot_voters v WHERE v.ballot_id = b.id AND v.organisation_id = o.id) AS on_roll
           FROM unnest($1::uuid[]) AS b(id)
           CROSS JOIN organisation_members m JOIN organisations o ON o.id = m.organisation_id
          WHERE m.user_id = $2 AND m.role = 'representative'
          ORDER BY o.name, o.id`,
        [ids, actor.id],
      ),
    ]);
    const votes = mine.length
      ? await this.dataSource
          .getRepository(BallotVote)
          .createQueryBuilder('v')
          .where('v.ballot_id = ANY(:ids::uuid[])', { ids })
          .andWhere('v.organisation_id = ANY(:orgs::uuid[])', {
            orgs: [...new Set(mine.map((m) => m.id))],
          })
          .getMany()
      : [];
    const voteOf = new Map(votes.map((v) => [`${v.ballotId}/${v.organisationId}`, v]));
    const countsOf = new Map(counts.map((c) => [c.ballot_id, c]));
    const now = Date.now();
    return ballots.map((b) => {
      const closed = b.status === 'closed' || b.closesAt.getTime() <= now;
      const own = issues.filter((i) => i.ballot_id === b.id);
      return {
        id: b.id,
        title: b.title,
        method: b.method,
        maxChoices: b.maxChoices,
        points: b.points,
        closesAt: b.closesAt.toISOString(),
        status: closed ? 'closed' : 'open',
        closedAt: b.closedAt ? b.closedAt.toISOString() : closed ? b.closesAt.toISOString() : null,
        issues: own.map((i) => ({
          id: i.id,
          title: i.title,
          status: i.status,
          position: i.position,
          selected: i.selected,
        })),
        voters: countsOf.get(b.id)?.voters ?? 0,
        voted: countsOf.get(b.id)?.voted ?? 0,
        myOrganisations: mine
          .filter((m) => m.ballot_id === b.id)
          .map((m) => {
            const vote = voteOf.get(`${b.id}/${m.id}`);
            return {
              organisationId: m.id,
              name: m.name,
              kind: m.kind,
              onRoll: m.on_roll,
              vote: vote ? voteView(vote) : null,
            };
          }),
        canManage: isStaff(actor),
        outcome: b.outcomeAt
          ? {
              selectedIssueIds: own.filter((i) => i.selected).map((i) => i.id),
              statement: b.outcomeStatement!,
              decidedAt: b.outcomeAt.toISOString(),
              decidedById: b.outcomeById,
            }
          : null,
        createdById: b.createdById,
        createdAt: b.createdAt.toISOString(),
      };
    });
  }
}

/**
 * Freezes the roll: every organisation that is a network member now, except authorities, with
 * its kind and the aiyl aimak its territory lies in (itself, an ancestor, or none when it sits
 * above that level). Returns how many.
 */
async function freezeRoll(manager: EntityManager, ballotId: string): Promise<number> {
  const rows = await manager.query<unknown[]>(
    `WITH RECURSIVE up AS (
       SELECT o.id AS organisation_id, t.id, t.level, t.parent_id
         FROM organisations o JOIN territories t ON t.id = o.territory_id
        WHERE o.network_status = 'member' AND NOT (o.kind = ANY($2::text[]))
       UNION ALL
       SELECT up.organisation_id, p.id, p.level, p.parent_id
         FROM up JOIN territories p ON p.id = up.parent_id
        WHERE up.level <> 'aiyl_aimak'
     )
     INSERT INTO ballot_voters (ballot_id, organisation_id, kind, aiyl_aimak_id)
     SELECT $1, o.id, o.kind,
            (SELECT up.id FROM up WHERE up.organisation_id = o.id AND up.level = 'aiyl_aimak' LIMIT 1)
       FROM organisations o
      WHERE o.network_status = 'member' AND NOT (o.kind = ANY($2::text[]))
     RETURNING organisation_id`,
    [ballotId, NON_VOTING_KINDS],
  );
  return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
}

async function lockBallot(manager: EntityManager, id: string): Promise<Ballot> {
  const ballot = await manager.findOne(Ballot, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!ballot) throw AppError.notFound('ballot');
  return ballot;
}

function assertOpen(ballot: Ballot): void {
  if (ballot.status === 'closed')
    throw AppError.conflict('ballots.closed', { closedAt: ballot.closedAt! });
  if (ballot.closesAt.getTime() <= Date.now())
    throw AppError.conflict('ballots.closed', { closedAt: ballot.closesAt });
}

interface VoteContent {
  choices: string[] | null;
  points: Record<string, number> | null;
}

/** The vote's shape against the ballot's method and issues; a 400 naming each bad field. */
export function checkVote(
  ballot: Pick<Ballot, 'method' | 'maxChoices' | 'points'>,
  issueIds: readonly string[],
  dto: Pick<CastVoteDto, 'choices' | 'points'>,
): VoteContent {
  const dot = ballot.method === 'dot';
  const given = dot ? dto.points : dto.choices;
  const other = dot ? 'choices' : 'points';
  const problems: FieldProblem[] = [];
  if (given === undefined)
    problems.push({
      field: dot ? 'points' : 'choices',
      key: 'ballots.voteShape',
      params: { method: ballot.method },
    });
  if ((dot ? dto.choices : dto.points) !== undefined)
    problems.push({ field: other, key: 'ballots.voteShape', params: { method: ballot.method } });
  if (problems.length) throw AppError.validation(problems);
  if (!dot) {
    const choices = dto.choices!;
    const max = ballot.maxChoices ?? issueIds.length;
    choices.forEach((id, i) => {
      if (!issueIds.includes(id))
        problems.push({ field: `choices.${i}`, key: 'ballots.notOnBallot' });
    });
    if (choices.length > max)
      problems.push({ field: 'choices', key: 'ballots.tooManyChoices', params: { max } });
    if (problems.length) throw AppError.validation(problems);
    return { choices: [...choices], points: null };
  }
  const points = dto.points!;
  for (const id of Object.keys(points))
    if (!issueIds.includes(id))
      problems.push({ field: `points.${id}`, key: 'ballots.notOnBallot' });
  const sum = Object.values(points).reduce((a, n) => a + n, 0);
  if (sum > ballot.points!)
    problems.push({
      field: 'points',
      key: 'ballots.overBudget',
      params: { sum, budget: ballot.points! },
    });
  if (sum === 0) problems.push({ field: 'points', key: 'ballots.noPoints' });
  if (problems.length) throw AppError.validation(problems);
  // Stored in the ballot's order without zeros, so the same allocation always compares equal.
  const clean: Record<string, number> = {};
  for (const id of issueIds) if (points[id]) clean[id] = points[id];
  return { choices: null, points: clean };
}

function sameContent(vote: BallotVote, content: VoteContent): boolean {
  return (
    JSON.stringify(vote.choices) === JSON.stringify(content.choices) &&
    JSON.stringify(normalise(vote.points)) === JSON.stringify(normalise(content.points))
  );
}

function normalise(points: Record<string, number> | null): [string, number][] | null {
  return points ? Object.entries(points).sort(([a], [b]) => a.localeCompare(b)) : null;
}

function voteView(v: BallotVote): VoteViewDto {
  return {
    ballotId: v.ballotId,
    organisationId: v.organisationId,
    choices: v.choices,
    points: v.points,
    paper: v.paper,
    note: v.note,
    recordedById: v.recordedById,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

/** The results of a closed ballot, overall and by the roll's kinds and aiyl aimaks. */
export async function computeResults(
  manager: EntityManager,
  ballot: Ballot,
): Promise<BallotResultsDto> {
  const [issues, voters] = await Promise.all([
    manager.query<{ id: string; title: string; selected: boolean }[]>(
      `SELECT i.id, i.title, bi.selected FROM ballot_issues bi JOIN issues i ON i.id = bi.issue_id
        WHERE bi.ballot_id = $1 ORDER BY bi.position`,
      [ballot.id],
    ),
    manager.query<
      (VoterRow & {
        choices: string[] | null;
        points: Record<string, number> | null;
        paper: boolean | null;
        voted: boolean;
        name: Record<string, string> | null;
      })[]
    >(
      `SELECT v.organisation_id, v.kind, v.aiyl_aimak_id, t.name,
              bv.choices, bv.points, bv.paper, bv.organisation_id IS NOT NULL AS voted
         FROM ballot_voters v
         LEFT JOIN ballot_votes bv ON bv.ballot_id = v.ballot_id AND bv.organisation_id = v.organisation_id
         LEFT JOIN territories t ON t.id = v.aiyl_aimak_id
        WHERE v.ballot_id = $1`,
      [ballot.id],
    ),
  ]);
  const issueIds = issues.map((i) => i.id);
  const cast = voters.filter((v) => v.voted);
  const overall = scoreBallot(ballot.method, issueIds, cast);
  const issueOf = new Map(issues.map((i) => [i.id, i]));
  const group = (rows: typeof voters): GroupResultDto => ({
    voters: rows.length,
    voted: rows.filter((r) => r.voted).length,
    scores: scoreBallot(
      ballot.method,
      issueIds,
      rows.filter((r) => r.voted),
    ).map(({ issueId, score }) => ({ issueId, score })),
  });
  const kinds = [...new Set(voters.map((v) => v.kind))].sort();
  const aimaks = new Map<string | null, (typeof voters)[number]['name']>();
  for (const v of voters) aimaks.set(v.aiyl_aimak_id, v.name);
  const aimakKeys = [...aimaks.keys()].sort((a, b) =>
    a === null
      ? 1
      : b === null
        ? -1
        : (aimaks.get(a)?.ru ?? a).localeCompare(aimaks.get(b)?.ru ?? b, 'ru') ||
          a.localeCompare(b),
  );
  return {
    ballotId: ballot.id,
    method: ballot.method,
    closedAt: (ballot.closedAt ?? ballot.closesAt).toISOString(),
    voters: voters.length,
    voted: cast.length,
    turnout: voters.length ? Math.round((cast.length / voters.length) * 1000) / 1000 : 0,
    paperVotes: cast.filter((v) => v.paper).length,
    results: byRank(overall).map((s) => ({
      issueId: s.issueId,
      title: issueOf.get(s.issueId)!.title,
      score: s.score,
      rank: s.rank,
      selected: issueOf.get(s.issueId)!.selected,
    })),
    byKind: kinds.map((kind) => ({ kind, ...group(voters.filter((v) => v.kind === kind)) })),
    byAiylAimak: aimakKeys.map((key) => ({
      aiylAimakId: key,
      name: aimaks.get(key) ?? null,
      ...group(voters.filter((v) => v.aiyl_aimak_id === key)),
    })),
  };
}
