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
import { LANGUAGES, type Language } from '../../common/languages.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import {
  DECISION_LEVELS,
  type DecisionLevel,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  type IssueCategory,
  type IssueStatus,
} from './issue.enums.js';

@Entity('issues')
@Check('issues_status_check', `"status" IN (${sqlList(ISSUE_STATUSES)})`)
@Check('issues_category_check', `"category" IN (${sqlList(ISSUE_CATEGORIES)})`)
@Check('issues_decision_level_check', `"decision_level" IN (${sqlList(DECISION_LEVELS)})`)
@Check('issues_language_check', `"language" IN (${sqlList(LANGUAGES)})`)
@Check('issues_title_length_check', `char_length("title") BETWEEN 3 AND 200`)
@Check('issues_body_length_check', `char_length("body") BETWEEN 1 AND 20000`)
@Check('issues_merged_check', `("status" = 'merged') = ("merged_into_id" IS NOT NULL)`)
@Check('issues_not_merged_into_self_check', `"merged_into_id" <> "id"`)
@Check(
  'issues_counts_check',
  `"endorsement_count" >= 0 AND "comment_count" >= 0 AND "follower_count" >= 0`,
)
@Index('issues_newest_idx', ['createdAt', 'id'])
@Index('issues_endorsed_idx', ['endorsementCount', 'createdAt', 'id'])
@Index('issues_active_idx', ['lastActivityAt', 'id'])
@Index('issues_search_idx', ['searchVector'], { type: 'gin' })
// Trigram index for near spellings: an operator class TypeORM cannot declare (see migrations).
@Index('issues_title_key_trgm_idx', { synchronize: false })
export class Issue {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  @Index('issues_category_idx')
  @Column('text')
  category: IssueCategory;

  @Index('issues_decision_level_idx')
  @Column('text', { name: 'decision_level' })
  decisionLevel: DecisionLevel;

  @Index('issues_status_idx')
  @Column('text', { default: 'raised' })
  status: IssueStatus;

  @Column('text', { default: 'ky' })
  language: Language;

  @Index('issues_author_id_idx')
  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User>;

  @Index('issues_organisation_id_idx')
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Index('issues_merged_into_id_idx')
  @Column('uuid', { name: 'merged_into_id', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => Issue, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_into_id' })
  mergedInto?: Relation<Issue>;

  @Column('integer', { name: 'endorsement_count', default: 0 })
  endorsementCount: number;

  @Column('integer', { name: 'comment_count', default: 0 })
  commentCount: number;

  @Column('integer', { name: 'follower_count', default: 0 })
  followerCount: number;

  @Column({ type: 'timestamptz', name: 'last_activity_at', precision: 3, default: () => 'now()' })
  lastActivityAt: Date;

  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' })
  statusChangedAt: Date;

  /** Title (weight A) and body (B) in the `kenesh` text search configuration, kept by a trigger. */
  @Column({
    type: 'tsvector',
    name: 'search_vector',
    nullable: true,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;

  @CreatedAtMs()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
