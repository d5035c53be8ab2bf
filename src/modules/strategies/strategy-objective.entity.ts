import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAt } from '../../common/database/columns.js';
import type { LocalisedText } from '../surveys/survey-contract.js';
import { Strategy } from './strategy.entity.js';
import { MAX_WEIGHT } from './strategy.enums.js';

/** One objective of a strategy; its weight counts in the strategy's progress. */
@Entity('strategy_objectives')
@Index('strategy_objectives_position_idx', ['strategyId', 'position'], { unique: true })
@Check('strategy_objectives_weight_check', `"weight" BETWEEN 1 AND ${MAX_WEIGHT}`)
export class StrategyObjective {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'strategy_id' })
  strategyId: string;

  @ManyToOne(() => Strategy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: Relation<Strategy>;

  /** Order on the board: the order they were added. */
  @Column('integer')
  position: number;

  @Column('jsonb')
  title: LocalisedText;

  @Column('integer', { default: 1 })
  weight: number;

  @CreatedAt()
  createdAt: Date;
}
