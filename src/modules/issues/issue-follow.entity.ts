import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { CreatedAt } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { Issue } from './issue.entity.js';

/** A member follows an issue: one row per member per issue (the primary key). */
@Entity('issue_follows')
export class IssueFollow {
  @PrimaryColumn('uuid', { name: 'issue_id' })
  issueId: string;

  @Index('issue_follows_user_id_idx')
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreatedAt()
  createdAt: Date;
}
