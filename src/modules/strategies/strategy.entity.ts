import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAtMs, UpdatedAt } from '../../common/database/columns.js';
import { Issue } from '../issues/issue.entity.js';
import type { LocalisedText } from '../surveys/survey-contract.js';
import { Territory } from '../territories/territory.entity.js';
import { User } from '../users/user.entity.js';

/**
 * The network's plan for the issues it took to the government: a goal, objectives with
 * weights, and actions under them. See docs/strategies.md.
 */
@Entity('strategies')
@Index('strategies_newest_idx', ['createdAt', 'id'])
export class Strategy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('jsonb')
  title: LocalisedText;

  @Column('jsonb')
  goal: LocalisedText;

  @Index('strategies_created_by_idx')
  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  @CreatedAtMs()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** The issues a strategy is about. */
@Entity('strategy_issues')
export class StrategyIssue {
  @PrimaryColumn('uuid', { name: 'strategy_id' })
  strategyId: string;

  @Index('strategy_issues_issue_id_idx')
  @PrimaryColumn('uuid', { name: 'issue_id' })
  issueId: string;

  @ManyToOne(() => Strategy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: Relation<Strategy>;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;
}

/** The territories a strategy covers (besides its issues'). */
@Entity('strategy_territories')
export class StrategyTerritory {
  @PrimaryColumn('uuid', { name: 'strategy_id' })
  strategyId: string;

  @Index('strategy_territories_territory_id_idx')
  @PrimaryColumn('uuid', { name: 'territory_id' })
  territoryId: string;

  @ManyToOne(() => Strategy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: Relation<Strategy>;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;
}
