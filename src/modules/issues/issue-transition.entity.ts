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
import { CreatedAtMs, sqlList } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { Issue } from './issue.entity.js';
import { ISSUE_STATUSES, type IssueStatus } from './issue.enums.js';

/** Every status change, with who made it and why: `GET /issues/:id/history`. */
@Entity('issue_transitions')
@Index('issue_transitions_issue_idx', ['issueId', 'createdAt'])
@Check('issue_transitions_to_check', `"to_status" IN (${sqlList(ISSUE_STATUSES)})`)
@Check('issue_transitions_from_check', `"from_status" IN (${sqlList(ISSUE_STATUSES)})`)
export class IssueTransition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'issue_id' })
  issueId: string;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  /** Null for the first entry (the issue was raised). */
  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: IssueStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus: IssueStatus;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: Relation<User>;

  @Column('text', { nullable: true })
  note: string | null;

  @CreatedAtMs()
  createdAt: Date;
}
