/**
 * Reads strategies' objectives and actions and rolls their progress up: the one reader behind
 * the API's board, its list and the district report (which passes its snapshot's manager).
 * A fixed number of queries whatever the number of strategies.
 */
import type { EntityManager } from 'typeorm';
import type { LocalisedText } from '../surveys/survey-contract.js';
import { isOverdue, rollup, roundProgress } from './progress-rollup.js';
import type { ActionStatus } from './strategy.enums.js';

export interface BoardAction {
  id: string;
  strategyId: string;
  objectiveId: string;
  title: LocalisedText;
  ownerOrganisationId: string;
  ownerName: string;
  targetAuthorityOrganisationId: string | null;
  targetAuthorityName: string | null;
  dueAt: Date;
  weight: number;
  status: ActionStatus;
  progress: number;
  overdue: boolean;
  issueIds: string[];
  commitmentId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface BoardObjective {
  id: string;
  strategyId: string;
  title: LocalisedText;
  weight: number;
  position: number;
  /** Rounded to one decimal. */
  progress: number;
  /** Earliest due first. */
  actions: BoardAction[];
}

export interface Board {
  /** Rounded to one decimal. */
  progress: number;
  objectives: BoardObjective[];
  /** Earliest due first. */
  overdue: BoardAction[];
  actionCount: number;
}

interface ActionRow {
  id: string;
  strategy_id: string;
  objective_id: string;
  title: LocalisedText;
  owner_organisation_id: string;
  owner_name: string;
  target_authority_organisation_id: string | null;
  target_name: string | null;
  due_at: Date;
  weight: number;
  status: ActionStatus;
  progress: number;
  commitment_id: string | null;
  created_at: Date;
  updated_at: Date;
  issue_ids: string[];
}

/** Actions by id, as the board shows them (unknown ids left out). */
export async function loadActions(
  manager: EntityManager,
  where: { strategyIds?: string[]; actionIds?: string[] },
  now: Date,
): Promise<BoardAction[]> {
  const rows = await manager.query<ActionRow[]>(
    `SELECT a.id, a.strategy_id, a.objective_id, a.title, a.owner_organisation_id,
            o.name AS owner_name, a.target_authority_organisation_id, ta.name AS target_name,
            a.due_at, a.weight, a.status, a.progress, a.commitment_id, a.created_at, a.updated_at,
            coalesce((SELECT array_agg(ai.issue_id ORDER BY ai.issue_id)
                        FROM strategy_action_issues ai WHERE ai.action_id = a.id), '{}') AS issue_ids
       FROM strategy_actions a
       JOIN organisations o ON o.id = a.owner_organisation_id
       LEFT JOIN organisations ta ON ta.id = a.target_authority_organisation_id
      WHERE ${where.actionIds ? 'a.id = ANY($1::uuid[])' : 'a.strategy_id = ANY($1::uuid[])'}
      ORDER BY a.due_at, a.id`,
    [where.actionIds ?? where.strategyIds ?? []],
  );
  return rows.map((r) => ({
    id: r.id,
    strategyId: r.strategy_id,
    objectiveId: r.objective_id,
    title: r.title,
    ownerOrganisationId: r.owner_organisation_id,
    ownerName: r.owner_name,
    targetAuthorityOrganisationId: r.target_authority_organisation_id,
    targetAuthorityName: r.target_name,
    dueAt: r.due_at,
    weight: r.weight,
    status: r.status,
    progress: r.progress,
    overdue: isOverdue({ dueAt: r.due_at, status: r.status }, now),
    issueIds: r.issue_ids,
    commitmentId: r.commitment_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** Each strategy's board, by id; a strategy with nothing under it gets an empty board. */
export async function loadBoards(
  manager: EntityManager,
  strategyIds: string[],
  now: Date,
): Promise<Map<string, Board>> {
  const boards = new Map<string, Board>();
  if (!strategyIds.length) return boards;
  const [objectives, actions] = await Promise.all([
    manager.query<
      { id: string; strategy_id: string; title: LocalisedText; weight: number; position: number }[]
    >(
      `SELECT id, strategy_id, title, weight, position FROM strategy_objectives
        WHERE strategy_id = ANY($1::uuid[]) ORDER BY strategy_id, position, id`,
      [strategyIds],
    ),
    loadActions(manager, { strategyIds }, now),
  ]);
  const actionsOf = new Map<string, BoardAction[]>();
  for (const a of actions)
    actionsOf.set(a.objectiveId, [...(actionsOf.get(a.objectiveId) ?? []), a]);
  for (const id of strategyIds) {
    const own = objectives
      .filter((o) => o.strategy_id === id)
      .map((o) => ({
        id: o.id,
        strategyId: o.strategy_id,
        title: o.title,
        weight: o.weight,
        position: o.position,
        progress: 0,
        actions: actionsOf.get(o.id) ?? [],
      }));
    const result = rollup(own);
    own.forEach((o, i) => (o.progress = roundProgress(result.objectives[i])));
    const all = own.flatMap((o) => o.actions);
    boards.set(id, {
      progress: roundProgress(result.progress),
      objectives: own,
      overdue: all
        .filter((a) => a.overdue)
        .sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime() || (x.id < y.id ? -1 : 1)),
      actionCount: all.length,
    });
  }
  return boards;
}
