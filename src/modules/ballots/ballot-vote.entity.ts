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
import { CreatedAt, UpdatedAt } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { Ballot } from './ballot.entity.js';
import { BallotVoter } from './ballot-voter.entity.js';

/**
 * An organisation's current vote: `choices` (approval, ranked in order) or `points` (dot).
 * Replaced while the ballot is open; every version is kept in ballot_vote_revisions.
 */
@Entity('ballot_votes')
@Check('ballot_votes_content_check', `("choices" IS NULL) <> ("points" IS NULL)`)
@Check('ballot_votes_paper_check', `NOT "paper" OR "note" IS NOT NULL`)
export class BallotVote {
  @PrimaryColumn('uuid', { name: 'ballot_id' })
  ballotId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('jsonb', { nullable: true })
  choices: string[] | null;

  @Column('jsonb', { nullable: true })
  points: Record<string, number> | null;

  /** Entered by a facilitator from a paper ballot, with a note saying so. */
  @Column('boolean', { default: false })
  paper: boolean;

  @Column('text', { nullable: true })
  note: string | null;

  @Index('ballot_votes_recorded_by_idx')
  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by' })
  recordedBy?: Relation<User>;

  @ManyToOne(() => Ballot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ballot_id' })
  ballot?: Relation<Ballot>;

  /** Only organisations on the roll vote. */
  @ManyToOne(() => BallotVoter, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'ballot_id', referencedColumnName: 'ballotId' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  voter?: Relation<BallotVoter>;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** Every version of every vote, for audit: who recorded what, when. */
@Entity('ballot_vote_revisions')
@Index('ballot_vote_revisions_vote_idx', ['ballotId', 'organisationId', 'createdAt'])
export class BallotVoteRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'ballot_id' })
  ballotId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('jsonb', { nullable: true })
  choices: string[] | null;

  @Column('jsonb', { nullable: true })
  points: Record<string, number> | null;

  @Column('boolean')
  paper: boolean;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by' })
  recordedBy?: Relation<User>;

  @ManyToOne(() => Ballot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ballot_id' })
  ballot?: Relation<Ballot>;

  @CreatedAt()
  createdAt: Date;
}
