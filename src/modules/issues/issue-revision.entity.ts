import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAtMs } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { Issue } from './issue.entity.js';

/** One edit of an issue: for each changed field, the value before and after. */
@Entity('issue_revisions')
@Index('issue_revisions_issue_idx', ['issueId', 'createdAt'])
export class IssueRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'issue_id' })
  issueId: string;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  @Column('uuid', { name: 'editor_id', nullable: true })
  editorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'editor_id' })
  editor?: Relation<User>;

  @Column('jsonb')
  changes: Record<string, { from: unknown; to: unknown }>;

  @CreatedAtMs()
  createdAt: Date;
}
