import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAt, CreatedAtMs, UpdatedAt, sqlList } from '../../common/database/columns.js';
import { EventCommitment } from '../events/event-commitment.entity.js';
import { Issue } from '../issues/issue.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { LocalisedText } from '../surveys/survey-contract.js';
import { User } from '../users/user.entity.js';
import { StrategyObjective } from './strategy-objective.entity.js';
import { Strategy } from './strategy.entity.js';
import { ACTION_STATUSES, type ActionStatus, MAX_WEIGHT } from './strategy.enums.js';

/**
 * Something an organisation does towards an objective, by a due date, often asking an
 * authority to act. Its status and progress change through updates (the timeline).
 */
@Entity('strategy_actions')
@Index('strategy_actions_objective_idx', ['objectiveId', 'dueAt', 'id'])
// The overdue job's scan: open actions by due date.
@Index('strategy_actions_open_due_idx', ['dueAt'], {
  where: `"status" NOT IN ('done', 'dropped')`,
})
// One commitment of an event becomes at most one action.
@Index('strategy_actions_commitment_idx', ['commitmentId'], { unique: true })
@Check('strategy_actions_status_check', `"status" IN (${sqlList(ACTION_STATUSES)})`)
@Check('strategy_actions_progress_check', `"progress" BETWEEN 0 AND 100`)
@Check('strategy_actions_done_check', `"status" <> 'done' OR "progress" = 100`)
@Check('strategy_actions_weight_check', `"weight" BETWEEN 1 AND ${MAX_WEIGHT}`)
export class StrategyAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('strategy_actions_strategy_idx')
  @Column('uuid', { name: 'strategy_id' })
  strategyId: string;

  @ManyToOne(() => Strategy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: Relation<Strategy>;

  @Column('uuid', { name: 'objective_id' })
  objectiveId: string;

  @ManyToOne(() => StrategyObjective, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'objective_id' })
  objective?: Relation<StrategyObjective>;

  @Column('jsonb')
  title: LocalisedText;

  @Index('strategy_actions_owner_idx')
  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id' })
  owner?: Relation<Organisation>;

  @Index('strategy_actions_target_idx')
  @Column('uuid', { name: 'target_authority_organisation_id', nullable: true })
  targetAuthorityOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'target_authority_organisation_id' })
  targetAuthority?: Relation<Organisation>;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('integer', { default: 1 })
  weight: number;

  @Column('text', { default: 'planned' })
  status: ActionStatus;

  @Column('smallint', { default: 0 })
  progress: number;

  /** The event commitment this action was made from, if any. */
  @Column('uuid', { name: 'commitment_id', nullable: true })
  commitmentId: string | null;

  @ManyToOne(() => EventCommitment, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Relation<EventCommitment>;

  /**
   * When the owner was told it is overdue, for the current overdue spell; cleared when the
   * action stops being overdue (done, dropped, or a later due date), so a new spell is told again.
   */
  @Column('timestamptz', { name: 'overdue_notified_at', nullable: true })
  overdueNotifiedAt: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** The issues an action serves. */
@Entity('strategy_action_issues')
export class StrategyActionIssue {
  @PrimaryColumn('uuid', { name: 'action_id' })
  actionId: string;

  @Index('strategy_action_issues_issue_id_idx')
  @PrimaryColumn('uuid', { name: 'issue_id' })
  issueId: string;

  @ManyToOne(() => StrategyAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<StrategyAction>;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;
}

/** One entry of an action's timeline: who said what, with the progress and status it set. */
@Entity('strategy_action_updates')
@Index('strategy_action_updates_action_idx', ['actionId', 'createdAt', 'id'])
@Check('strategy_action_updates_status_check', `"status" IN (${sqlList(ACTION_STATUSES)})`)
@Check('strategy_action_updates_progress_check', `"progress" BETWEEN 0 AND 100`)
export class StrategyActionUpdate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'action_id' })
  actionId: string;

  @ManyToOne(() => StrategyAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<StrategyAction>;

  @Index('strategy_action_updates_author_idx')
  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User>;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('smallint')
  progress: number;

  @Column('text')
  status: ActionStatus;

  @CreatedAtMs()
  createdAt: Date;
}
