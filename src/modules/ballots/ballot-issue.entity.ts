import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Issue } from '../issues/issue.entity.js';
import { Ballot } from './ballot.entity.js';

/** The issues on a ballot, in the order they were listed; `selected` once the outcome is set. */
@Entity('ballot_issues')
export class BallotIssue {
  @PrimaryColumn('uuid', { name: 'ballot_id' })
  ballotId: string;

  @Index('ballot_issues_issue_id_idx')
  @PrimaryColumn('uuid', { name: 'issue_id' })
  issueId: string;

  @Column('integer')
  position: number;

  @Column('boolean', { default: false })
  selected: boolean;

  @ManyToOne(() => Ballot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ballot_id' })
  ballot?: Relation<Ballot>;

  @ManyToOne(() => Issue, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;
}
