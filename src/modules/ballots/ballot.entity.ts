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
import { CreatedAtMs, UpdatedAt, sqlList } from '../../common/database/columns.js';
import type { LocalisedText } from '../surveys/survey-contract.js';
import { User } from '../users/user.entity.js';
import {
  BALLOT_METHODS,
  BALLOT_STATUSES,
  type BallotMethod,
  type BallotStatus,
} from './ballot.enums.js';

/**
 * A priority ballot: the network's member organisations choose among issues, one voice each,
 * the roll frozen when it opens. See docs/ballots.md.
 */
@Entity('ballots')
@Index('ballots_newest_idx', ['createdAt', 'id'])
@Index('ballots_open_closes_idx', ['closesAt'], { where: `"status" = 'open'` })
@Check('ballots_method_check', `"method" IN (${sqlList(BALLOT_METHODS)})`)
@Check('ballots_status_check', `"status" IN (${sqlList(BALLOT_STATUSES)})`)
@Check(
  'ballots_points_check',
  `("method" = 'dot') = ("points" IS NOT NULL) AND ("points" IS NULL OR "points" > 0)`,
)
@Check(
  'ballots_max_choices_check',
  `"max_choices" IS NULL OR ("method" <> 'dot' AND "max_choices" > 0)`,
)
@Check('ballots_closed_check', `("status" = 'closed') = ("closed_at" IS NOT NULL)`)
@Check(
  'ballots_outcome_check',
  `("outcome_at" IS NULL) = ("outcome_statement" IS NULL) AND ("outcome_at" IS NULL OR "status" = 'closed')`,
)
export class Ballot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('jsonb')
  title: LocalisedText;

  @Column('text')
  method: BallotMethod;

  /** approval and ranked: how many issues an organisation may choose (null: all of them). */
  @Column('integer', { name: 'max_choices', nullable: true })
  maxChoices: number | null;

  /** dot only: each organisation's budget of points. */
  @Column('integer', { nullable: true })
  points: number | null;

  @Column({ type: 'timestamptz', name: 'closes_at', precision: 3 })
  closesAt: Date;

  @Column('text', { default: 'open' })
  status: BallotStatus;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /** Null when it closed by itself at closesAt. */
  @Column('uuid', { name: 'closed_by', nullable: true })
  closedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'closed_by' })
  closedBy?: Relation<User>;

  @Column('text', { name: 'outcome_statement', nullable: true })
  outcomeStatement: string | null;

  @Column('timestamptz', { name: 'outcome_at', nullable: true })
  outcomeAt: Date | null;

  @Column('uuid', { name: 'outcome_by', nullable: true })
  outcomeById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'outcome_by' })
  outcomeBy?: Relation<User>;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  /** Millisecond precision: the list's keyset cursor carries it. */
  @CreatedAtMs()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
