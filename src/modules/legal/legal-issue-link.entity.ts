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
import { Issue } from '../issues/issue.entity.js';
import { User } from '../users/user.entity.js';
import { LegalProvision } from './legal-provision.entity.js';
import {
  LINK_RELATIONS,
  LINK_STATUSES,
  type LinkRelation,
  type LinkStatus,
} from './legal.enums.js';

/**
 * A provision's bearing on an issue: proposed by any member, confirmed or rejected by a
 * facilitator. One link per (provision, issue, relation).
 */
@Entity('legal_issue_links')
@Index('legal_issue_links_key', ['provisionId', 'issueId', 'relation'], { unique: true })
@Index('legal_issue_links_issue_idx', ['issueId', 'status'])
@Check('legal_issue_links_relation_check', `"relation" IN (${sqlList(LINK_RELATIONS)})`)
@Check('legal_issue_links_status_check', `"status" IN (${sqlList(LINK_STATUSES)})`)
@Check('legal_issue_links_decided_check', `("status" = 'proposed') = ("decided_at" IS NULL)`)
export class LegalIssueLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'provision_id' })
  provisionId: string;

  @ManyToOne(() => LegalProvision, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provision_id' })
  provision?: Relation<LegalProvision>;

  @Column('uuid', { name: 'issue_id' })
  issueId: string;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  @Column('text')
  relation: LinkRelation;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text')
  status: LinkStatus;

  @Column('uuid', { name: 'proposed_by', nullable: true })
  proposedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by' })
  proposedBy?: Relation<User>;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by' })
  decidedBy?: Relation<User>;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @CreatedAtMs()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
