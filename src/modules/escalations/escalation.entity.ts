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
import { CreatedAt, UpdatedAt } from '../../common/database/columns.js';
import { Issue } from '../issues/issue.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';

/** An issue sent to an authority, with its deadline and, when it comes, the answer. */
@Entity('escalations')
@Index('escalations_issue_idx', ['issueId', 'sentAt'])
@Index('escalations_open_due_idx', ['responseDueAt'], { where: `"responded_at" IS NULL` })
@Check('escalations_answer_check', `("responded_at" IS NULL) = ("response_text" IS NULL)`)
@Check('escalations_due_check', `"response_due_at" >= "sent_at"`)
export class Escalation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'issue_id' })
  issueId: string;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  @Index('escalations_authority_idx')
  @Column('uuid', { name: 'authority_organisation_id' })
  authorityOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_organisation_id' })
  authority?: Relation<Organisation>;

  @Column('timestamptz', { name: 'sent_at' })
  sentAt: Date;

  @Column('text', { nullable: true })
  reference: string | null;

  @Column('timestamptz', { name: 'response_due_at' })
  responseDueAt: Date;

  @Column('text', { name: 'response_text', nullable: true })
  responseText: string | null;

  @Column('timestamptz', { name: 'responded_at', nullable: true })
  respondedAt: Date | null;

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
