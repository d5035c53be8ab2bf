import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { assertKnownIds } from '../../common/database/known-ids.js';
import { AppError, type FieldProblem } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  PageQueryDto,
  toPage,
} from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import type { LocalisedText } from '../surveys/survey-contract.js';
import { TerritoriesService } from '../territories/territories.service.js';
import type {
  ActionDetailDto,
  ActionUpdatePageDto,
  ActionUpdateViewDto,
  ActionViewDto,
  CommitmentActionDto,
  CreateActionDto,
  CreateObjectiveDto,
  CreateStrategyDto,
  ObjectiveViewDto,
  PostActionUpdateDto,
  StrategiesQueryDto,
  StrategySummaryDto,
  StrategyViewDto,
  UpdateActionDto,
  UpdateStrategyDto,
} from './dto/strategy.dto.js';
import {
  StrategyAction,
  StrategyActionIssue,
  StrategyActionUpdate,
} from './strategy-action.entity.js';
import { type Board, type BoardAction, loadActions, loadBoards } from './strategy-board.js';
import { StrategyObjective } from './strategy-objective.entity.js';
import { Strategy, StrategyIssue, StrategyTerritory } from './strategy.entity.js';
import { type ActionStatus, AUTHORITY_KINDS } from './strategy.enums.js';

/** Fields of PATCH /actions/:id that only staff may change. */
const PLAN_FIELDS = [
  'title',
  'ownerOrganisationId',
  'targetAuthorityOrganisationId',
  'dueAt',
  'weight',
  'issueIds',
] as const;

/**
 * Strategies (issue 13). Every signed-in member sees every strategy (the network's plan is
 * the network's); facilitators and admins plan them; the owner organisation's
 * representatives report on their actions. Staff reporting on an action not theirs, and staff
 * editing a plan, leave audit entries.
 */
@Injectable()
export class StrategiesService {
  private readonly logger = new Logger(StrategiesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly territories: TerritoriesService,
    private readonly audit: AuditService,
  ) {}

  // ---- Strategies ------------------------------------------------------------------------

  async create(actor: AuthUser, dto: CreateStrategyDto): Promise<StrategyViewDto> {
    assertStaff(actor);
    await assertKnownIds(this.dataSource, 'issues', dto.issueIds, 'issueIds');
    if (dto.territoryIds?.length)
      await assertKnownIds(this.dataSource, 'territories', dto.territoryIds, 'territoryIds');
    const id = await this.dataSource.transaction(async (manager) => {
      const strategy = await manager.save(
        manager.create(Strategy, {
          title: { ...dto.title },
          goal: { ...dto.goal },
          createdById: actor.id,
        }),
      );
      await setLinks(manager, strategy.id, dto.issueIds, dto.territoryIds ?? []);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'strategy.create',
          targetType: 'strategy',
          targetId: strategy.id,
          details: { issueIds: dto.issueIds },
        },
        manager,
      );
      return strategy.id;
    });
    this.logger.log({ event: 'strategy_created', strategyId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  /** Newest first; keyset on (created_at, id). */
  async list(actor: AuthUser, query: StrategiesQueryDto): Promise<Page<StrategySummaryDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(Strategy)
      .createQueryBuilder('s')
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit + 1);
    if (query.issueId)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM strategy_issues si WHERE si.strategy_id = s.id AND si.issue_id = :issueId)',
        { issueId: query.issueId },
      );
    if (query.territoryId) {
      const ids = await this.territories.withDescendants(query.territoryId);
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM strategy_territories st
                   WHERE st.strategy_id = s.id AND st.territory_id = ANY(:territories::uuid[]))
          OR EXISTS (SELECT 1 FROM strategy_issues si JOIN issue_territories it ON it.issue_id = si.issue_id
                      WHERE si.strategy_id = s.id AND it.territory_id = ANY(:territories::uuid[])))`,
        { territories: ids },
      );
    }
    if (after)
      qb.andWhere('(s.created_at, s.id) < (:at::timestamptz, :id::uuid)', {
        at: after[0],
        id: after[1],
      });
    const page = toPage(
      await qb.getMany(),
      limit,
      (s) => [s.createdAt.toISOString(), s.id],
      (s) => s,
    );
    const now = new Date();
    const [boards, links] = await Promise.all([
      loadBoards(
        this.dataSource.manager,
        page.items.map((s) => s.id),
        now,
      ),
      this.links(page.items.map((s) => s.id)),
    ]);
    return {
      ...page,
      items: page.items.map((s) => summary(actor, s, boards.get(s.id), links)),
    };
  }

  async get(actor: AuthUser, id: string): Promise<StrategyViewDto> {
    const strategy = await this.findStrategy(id);
    const now = new Date();
    const [boards, links, reps] = await Promise.all([
      loadBoards(this.dataSource.manager, [id], now),
      this.links([id]),
      this.represented(actor),
    ]);
    const board = boards.get(id);
    const view = (a: BoardAction) => actionView(actor, a, reps);
    return {
      ...summary(actor, strategy, board, links),
      objectives: (board?.objectives ?? []).map((o): ObjectiveViewDto => ({
        id: o.id,
        strategyId: o.strategyId,
        title: o.title,
        weight: o.weight,
        position: o.position,
        progress: o.progress,
        actions: o.actions.map(view),
      })),
      overdueActions: (board?.overdue ?? []).map(view),
    };
  }

  async update(actor: AuthUser, id: string, dto: UpdateStrategyDto): Promise<StrategyViewDto> {
    await this.findStrategy(id);
    assertStaff(actor);
    if (dto.issueIds) await assertKnownIds(this.dataSource, 'issues', dto.issueIds, 'issueIds');
    if (dto.territoryIds?.length)
      await assertKnownIds(this.dataSource, 'territories', dto.territoryIds, 'territoryIds');
    await this.dataSource.transaction(async (manager) => {
      const changes: Partial<Strategy> = {};
      if (dto.title !== undefined) changes.title = { ...dto.title };
      if (dto.goal !== undefined) changes.goal = { ...dto.goal };
      const fields: string[] = Object.keys(changes);
      if (fields.length) await manager.update(Strategy, { id }, changes);
      if (dto.issueIds) {
        await manager.delete(StrategyIssue, { strategyId: id });
        await setLinks(manager, id, dto.issueIds, []);
        fields.push('issueIds');
      }
      if (dto.territoryIds) {
        await manager.delete(StrategyTerritory, { strategyId: id });
        await setLinks(manager, id, [], dto.territoryIds);
        fields.push('territoryIds');
      }
      if (fields.length) {
        // The list is ordered by creation; touching updated_at says it changed.
        if (!changes.title && !changes.goal)
          await manager.query('UPDATE strategies SET updated_at = now() WHERE id = $1', [id]);
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'strategy.edit',
            targetType: 'strategy',
            targetId: id,
            details: { fields },
          },
          manager,
        );
      }
    });
    return this.get(actor, id);
  }

  // ---- Objectives and actions ------------------------------------------------------------

  async addObjective(
    actor: AuthUser,
    strategyId: string,
    dto: CreateObjectiveDto,
  ): Promise<ObjectiveViewDto> {
    await this.findStrategy(strategyId);
    assertStaff(actor);
    const id = await this.dataSource.transaction(async (manager) => {
      // The strategy row is the lock: two objectives added at once get distinct positions.
      await manager.query('SELECT 1 FROM strategies WHERE id = $1 FOR UPDATE', [strategyId]);
      const [{ next }] = await manager.query<[{ next: number }]>(
        'SELECT coalesce(max(position), 0)::int + 1 AS next FROM strategy_objectives WHERE strategy_id = $1',
        [strategyId],
      );
      const objective = await manager.save(
        manager.create(StrategyObjective, {
          strategyId,
          position: next,
          title: { ...dto.title },
          weight: dto.weight ?? 1,
        }),
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'strategy_objective.create',
          targetType: 'strategy',
          targetId: strategyId,
          details: { objectiveId: objective.id, weight: objective.weight },
        },
        manager,
      );
      return objective.id;
    });
    const view = await this.get(actor, strategyId);
    const objective = view.objectives.find((o) => o.id === id);
    if (!objective) throw AppError.notFound('strategyObjective');
    return objective;
  }

  async addAction(
    actor: AuthUser,
    objectiveId: string,
    dto: CreateActionDto,
  ): Promise<ActionDetailDto> {
    const objective = await this.dataSource
      .getRepository(StrategyObjective)
      .findOneBy({ id: objectiveId });
    if (!objective) throw AppError.notFound('strategyObjective');
    assertStaff(actor);

    const commitment = dto.commitmentId ? await this.commitment(dto.commitmentId) : null;
    const ownerOrganisationId = dto.ownerOrganisationId ?? commitment?.owner_organisation_id;
    const dueAt = dto.dueAt ?? commitment?.due_at.toISOString();
    const title: LocalisedText | undefined = dto.title
      ? { ...dto.title }
      : commitment
        ? { [commitment.language ?? actor.preferredLanguage]: commitment.text.slice(0, 200) }
        : undefined;
    // The DTO requires these unless a commitment gives them; a commitment always does.
    if (!ownerOrganisationId || !dueAt || !title)
      throw AppError.validation([{ field: 'commitmentId', key: 'strategies.unknownCommitment' }]);
    await this.assertOrganisations(ownerOrganisationId, dto.targetAuthorityOrganisationId);
    if (dto.issueIds?.length)
      await assertKnownIds(this.dataSource, 'issues', dto.issueIds, 'issueIds');

    const id = await this.dataSource.transaction(async (manager) => {
      if (dto.commitmentId) {
        // The commitment row is the lock: two facilitators taking it at once queue here.
        await manager.query('SELECT 1 FROM event_commitments WHERE id = $1 FOR UPDATE', [
          dto.commitmentId,
        ]);
        const [taken] = await manager.query<{ id: string }[]>(
          'SELECT id FROM strategy_actions WHERE commitment_id = $1',
          [dto.commitmentId],
        );
        if (taken) throw AppError.conflict('strategies.commitmentTaken', { actionId: taken.id });
      }
      const action = await manager.save(
        manager.create(StrategyAction, {
          strategyId: objective.strategyId,
          objectiveId,
          title,
          ownerOrganisationId,
          targetAuthorityOrganisationId: dto.targetAuthorityOrganisationId ?? null,
          dueAt: new Date(dueAt),
          weight: dto.weight ?? 1,
          status: 'planned',
          progress: 0,
          commitmentId: dto.commitmentId ?? null,
          overdueNotifiedAt: null,
          createdById: actor.id,
        }),
      );
      if (dto.issueIds?.length)
        await manager.insert(
          StrategyActionIssue,
          dto.issueIds.map((issueId) => ({ actionId: action.id, issueId })),
        );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'strategy_action.create',
          targetType: 'strategy_action',
          targetId: action.id,
          details: {
            strategyId: objective.strategyId,
            ownerOrganisationId,
            commitmentId: dto.commitmentId ?? null,
          },
        },
        manager,
      );
      return action.id;
    });
    this.logger.log({ event: 'strategy_action_created', actionId: id, actorId: actor.id });
    return this.getAction(actor, id);
  }

  async getAction(actor: AuthUser, id: string): Promise<ActionDetailDto> {
    const now = new Date();
    const [[action], reps] = await Promise.all([
      loadActions(this.dataSource.manager, { actionIds: [id] }, now),
      this.represented(actor),
    ]);
    if (!action) throw AppError.notFound('strategyAction');
    const [titles] = await this.dataSource.query<
      { strategy_title: LocalisedText; objective_title: LocalisedText }[]
    >(
      `SELECT s.title AS strategy_title, o.title AS objective_title
         FROM strategy_objectives o JOIN strategies s ON s.id = o.strategy_id WHERE o.id = $1`,
      [action.objectiveId],
    );
    const updates = await this.updates(id, 100);
    return {
      ...actionView(actor, action, reps),
      strategyTitle: titles.strategy_title,
      objectiveTitle: titles.objective_title,
      updates: updates.items,
    };
  }

  async listUpdates(
    actor: AuthUser,
    id: string,
    query: PageQueryDto,
  ): Promise<ActionUpdatePageDto> {
    await this.findAction(id);
    return this.updates(id, query.limit ?? DEFAULT_LIMIT, query.cursor);
  }

  /**
   * Staff change the plan; the owner's representatives and staff report (note, progress,
   * status: an entry in the timeline, as postUpdate).
   */
  async updateAction(actor: AuthUser, id: string, dto: UpdateActionDto): Promise<ActionDetailDto> {
    const action = await this.findAction(id);
    const owner = await this.assertMayReport(actor, action);
    const plan = PLAN_FIELDS.filter((f) => dto[f] !== undefined);
    if (plan.length && !isStaff(actor)) throw AppError.forbidden('strategies.planOnlyStaff');
    if (dto.ownerOrganisationId || dto.targetAuthorityOrganisationId)
      await this.assertOrganisations(
        dto.ownerOrganisationId,
        dto.targetAuthorityOrganisationId ?? undefined,
      );
    if (dto.issueIds?.length)
      await assertKnownIds(this.dataSource, 'issues', dto.issueIds, 'issueIds');
    const report = dto.note !== undefined || dto.progress !== undefined || dto.status !== undefined;

    await this.dataSource.transaction(async (manager) => {
      const locked = await lockAction(manager, id);
      const changes: Partial<StrategyAction> = {};
      if (dto.title !== undefined) changes.title = { ...dto.title };
      if (dto.ownerOrganisationId !== undefined)
        changes.ownerOrganisationId = dto.ownerOrganisationId;
      if (dto.targetAuthorityOrganisationId !== undefined)
        changes.targetAuthorityOrganisationId = dto.targetAuthorityOrganisationId;
      if (dto.dueAt !== undefined) changes.dueAt = new Date(dto.dueAt);
      if (dto.weight !== undefined) changes.weight = dto.weight;
      if (Object.keys(changes).length) await manager.update(StrategyAction, { id }, changes);
      if (dto.issueIds) {
        await manager.delete(StrategyActionIssue, { actionId: id });
        if (dto.issueIds.length)
          await manager.insert(
            StrategyActionIssue,
            dto.issueIds.map((issueId) => ({ actionId: id, issueId })),
          );
      }
      if (report)
        await this.report(
          manager,
          actor,
          { ...locked, ...changes },
          {
            note: dto.note,
            progress: dto.progress ?? locked.progress,
            status: dto.status ?? locked.status,
          },
        );
      else await resetOverdueSpell(manager, id);
      if (plan.length || (report && !owner))
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'strategy_action.edit',
            targetType: 'strategy_action',
            targetId: id,
            details: {
              fields: [
                ...plan,
                ...(['note', 'progress', 'status'] as const).filter((f) => dto[f] !== undefined),
              ],
              ownerOrganisationId: action.ownerOrganisationId,
            },
          },
          manager,
        );
    });
    return this.getAction(actor, id);
  }

  /** An entry in the action's timeline; the action takes its progress and status. */
  async postUpdate(
    actor: AuthUser,
    id: string,
    dto: PostActionUpdateDto,
  ): Promise<ActionUpdateViewDto> {
    const action = await this.findAction(id);
    const owner = await this.assertMayReport(actor, action);
    const updateId = await this.dataSource.transaction(async (manager) => {
      const locked = await lockAction(manager, id);
      const created = await this.report(manager, actor, locked, dto);
      if (!owner)
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'strategy_action.update',
            targetType: 'strategy_action',
            targetId: id,
            details: {
              progress: created.progress,
              status: created.status,
              ownerOrganisationId: action.ownerOrganisationId,
            },
          },
          manager,
        );
      return created.id;
    });
    this.logger.log({ event: 'strategy_action_update', actionId: id, actorId: actor.id });
    const page = await this.updates(id, 100);
    const view = page.items.find((u) => u.id === updateId);
    if (!view) throw AppError.notFound('strategyAction');
    return view;
  }

  /** An event's commitments in their order, each with the action made from it, if any. */
  async eventCommitments(eventId: string, query: PageQueryDto): Promise<Page<CommitmentActionDto>> {
    const [event] = await this.dataSource.query<unknown[]>('SELECT 1 FROM events WHERE id = $1', [
      eventId,
    ]);
    if (!event) throw AppError.notFound('networkEvent');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['number']);
    const rows = await this.dataSource.query<
      {
        id: string;
        position: number;
        text: string;
        owner_organisation_id: string;
        owner_name: string;
        due_at: Date;
        action_id: string | null;
        strategy_id: string | null;
      }[]
    >(
      `SELECT c.id, c.position, c.text, c.owner_organisation_id, o.name AS owner_name, c.due_at,
              a.id AS action_id, a.strategy_id
         FROM event_commitments c
         JOIN organisations o ON o.id = c.owner_organisation_id
         LEFT JOIN strategy_actions a ON a.commitment_id = c.id
        WHERE c.event_id = $1 AND c.position > $2 ORDER BY c.position LIMIT $3`,
      [eventId, after ? after[0] : -1, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (r) => [r.position],
      (r) => ({
        id: r.id,
        text: r.text,
        ownerOrganisationId: r.owner_organisation_id,
        ownerName: r.owner_name,
        dueAt: r.due_at.toISOString(),
        actionId: r.action_id,
        strategyId: r.strategy_id,
      }),
    );
  }

  // ---- Helpers -----------------------------------------------------------------------------

  /** Stores one timeline entry and sets the action's progress and status from it. */
  private async report(
    manager: EntityManager,
    actor: AuthUser,
    action: StrategyAction,
    dto: { note?: string; progress: number; status: ActionStatus },
  ): Promise<StrategyActionUpdate> {
    // Done is done: whatever figure came with it, the action is complete (docs/strategies.md).
    const progress = dto.status === 'done' ? 100 : dto.progress;
    await manager.update(StrategyAction, { id: action.id }, { progress, status: dto.status });
    await resetOverdueSpell(manager, action.id);
    return manager.save(
      manager.create(StrategyActionUpdate, {
        actionId: action.id,
        authorId: actor.id,
        note: dto.note ?? null,
        progress,
        status: dto.status,
      }),
    );
  }

  private async updates(id: string, limit: number, cursor?: string): Promise<ActionUpdatePageDto> {
    const after = decodeCursor(cursor, ['time', 'uuid']);
    const rows = await this.dataSource.query<
      {
        id: string;
        author_id: string | null;
        author_name: string | null;
        note: string | null;
        progress: number;
        status: ActionStatus;
        created_at: Date;
      }[]
    >(
      `SELECT u.id, u.author_id, au.display_name AS author_name, u.note, u.progress, u.status, u.created_at
         FROM strategy_action_updates u LEFT JOIN users au ON au.id = u.author_id
        WHERE u.action_id = $1 ${after ? 'AND (u.created_at, u.id) < ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY u.created_at DESC, u.id DESC LIMIT $2`,
      after ? [id, limit + 1, after[0], after[1]] : [id, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (r) => [r.created_at.toISOString(), r.id],
      (r) => ({
        id: r.id,
        actionId: id,
        authorId: r.author_id,
        authorName: r.author_name,
        note: r.note,
        progress: r.progress,
        status: r.status,
        createdAt: r.created_at.toISOString(),
      }),
    );
  }

  /** 403 for someone who may not report; true when the caller represents the owner. */
  private async assertMayReport(actor: AuthUser, action: StrategyAction): Promise<boolean> {
    const reps = await this.represented(actor);
    if (reps.has(action.ownerOrganisationId)) return true;
    if (isStaff(actor)) return false;
    throw AppError.forbidden('strategies.onlyOwner');
  }

  private async represented(actor: AuthUser): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ organisation_id: string }[]>(
      `SELECT organisation_id FROM organisation_members WHERE user_id = $1 AND role = 'representative'`,
      [actor.id],
    );
    return new Set(rows.map((r) => r.organisation_id));
  }

  private async links(
    ids: string[],
  ): Promise<Map<string, { issueIds: string[]; territoryIds: string[] }>> {
    const map = new Map(
      ids.map((id) => [id, { issueIds: [] as string[], territoryIds: [] as string[] }]),
    );
    if (!ids.length) return map;
    const [issues, territories] = await Promise.all([
      this.dataSource.query<{ strategy_id: string; issue_id: string }[]>(
        'SELECT strategy_id, issue_id FROM strategy_issues WHERE strategy_id = ANY($1::uuid[]) ORDER BY issue_id',
        [ids],
      ),
      this.dataSource.query<{ strategy_id: string; territory_id: string }[]>(
        'SELECT strategy_id, territory_id FROM strategy_territories WHERE strategy_id = ANY($1::uuid[]) ORDER BY territory_id',
        [ids],
      ),
    ]);
    for (const r of issues) map.get(r.strategy_id)?.issueIds.push(r.issue_id);
    for (const r of territories) map.get(r.strategy_id)?.territoryIds.push(r.territory_id);
    return map;
  }

  private async commitment(id: string) {
    const [row] = await this.dataSource.query<
      {
        id: string;
        text: string;
        owner_organisation_id: string;
        due_at: Date;
        language: LocalisedLanguage | null;
      }[]
    >(
      `SELECT c.id, c.text, c.owner_organisation_id, c.due_at, e.language
         FROM event_commitments c JOIN events e ON e.id = c.event_id WHERE c.id = $1`,
      [id],
    );
    if (!row)
      throw AppError.validation([{ field: 'commitmentId', key: 'strategies.unknownCommitment' }]);
    return row;
  }

  /** The owner must exist; the target, if any, must be an authority. */
  private async assertOrganisations(ownerId?: string, targetId?: string): Promise<void> {
    const ids = [ownerId, targetId].filter((v): v is string => v !== undefined);
    const rows = await this.dataSource.query<{ id: string; kind: string }[]>(
      'SELECT id, kind FROM organisations WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const kinds = new Map(rows.map((r) => [r.id, r.kind]));
    const problems: FieldProblem[] = [];
    if (ownerId && !kinds.has(ownerId))
      problems.push({ field: 'ownerOrganisationId', key: 'field.unknownOrganisation' });
    if (targetId) {
      const kind = kinds.get(targetId);
      if (kind === undefined)
        problems.push({ field: 'targetAuthorityOrganisationId', key: 'field.unknownOrganisation' });
      else if (!(AUTHORITY_KINDS as readonly string[]).includes(kind))
        problems.push({ field: 'targetAuthorityOrganisationId', key: 'strategies.notAuthority' });
    }
    if (problems.length) throw AppError.validation(problems);
  }

  private async findStrategy(id: string): Promise<Strategy> {
    const strategy = await this.dataSource.getRepository(Strategy).findOneBy({ id });
    if (!strategy) throw AppError.notFound('strategy');
    return strategy;
  }

  private async findAction(id: string): Promise<StrategyAction> {
    const action = await this.dataSource.getRepository(StrategyAction).findOneBy({ id });
    if (!action) throw AppError.notFound('strategyAction');
    return action;
  }
}

type LocalisedLanguage = keyof LocalisedText;

function assertStaff(actor: AuthUser): void {
  if (!isStaff(actor)) throw AppError.forbidden('strategies.onlyStaff');
}

async function lockAction(manager: EntityManager, id: string): Promise<StrategyAction> {
  const action = await manager.findOne(StrategyAction, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!action) throw AppError.notFound('strategyAction');
  return action;
}

/**
 * An overdue spell ends when the action stops being overdue (done, dropped, a later due date):
 * the notice mark is cleared then, so the owner is told again if it falls overdue again.
 */
async function resetOverdueSpell(manager: EntityManager, id: string): Promise<void> {
  await manager.query(
    `UPDATE strategy_actions SET overdue_notified_at = NULL
      WHERE id = $1 AND overdue_notified_at IS NOT NULL
        AND (due_at >= now() OR status IN ('done', 'dropped'))`,
    [id],
  );
}

async function setLinks(
  manager: EntityManager,
  strategyId: string,
  issueIds: string[],
  territoryIds: string[],
): Promise<void> {
  if (issueIds.length)
    await manager.insert(
      StrategyIssue,
      issueIds.map((issueId) => ({ strategyId, issueId })),
    );
  if (territoryIds.length)
    await manager.insert(
      StrategyTerritory,
      territoryIds.map((territoryId) => ({ strategyId, territoryId })),
    );
}

function summary(
  actor: AuthUser,
  s: Strategy,
  board: Board | undefined,
  links: Map<string, { issueIds: string[]; territoryIds: string[] }>,
): StrategySummaryDto {
  return {
    id: s.id,
    title: s.title,
    goal: s.goal,
    issueIds: links.get(s.id)?.issueIds ?? [],
    territoryIds: links.get(s.id)?.territoryIds ?? [],
    progress: board?.progress ?? 0,
    objectiveCount: board?.objectives.length ?? 0,
    actionCount: board?.actionCount ?? 0,
    overdueCount: board?.overdue.length ?? 0,
    canManage: isStaff(actor),
    createdById: s.createdById,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

function actionView(actor: AuthUser, a: BoardAction, reps: Set<string>): ActionViewDto {
  return {
    id: a.id,
    strategyId: a.strategyId,
    objectiveId: a.objectiveId,
    title: a.title,
    ownerOrganisationId: a.ownerOrganisationId,
    ownerName: a.ownerName,
    targetAuthorityOrganisationId: a.targetAuthorityOrganisationId,
    targetAuthorityName: a.targetAuthorityName,
    dueAt: a.dueAt.toISOString(),
    weight: a.weight,
    status: a.status,
    progress: a.progress,
    overdue: a.overdue,
    issueIds: a.issueIds,
    commitmentId: a.commitmentId,
    canUpdate: isStaff(actor) || reps.has(a.ownerOrganisationId),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
