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
import { LANGUAGES, type Language } from '../../common/languages.js';
import { Issue } from '../issues/issue.entity.js';
import { User } from '../users/user.entity.js';

/**
 * A comment on an issue; replies go one level deep. Deleting leaves a tombstone (body
 * emptied, `deleted_at` set) so replies keep their context; hiding keeps the body for
 * moderators.
 */
@Entity('comments')
@Index('comments_issue_idx', ['issueId', 'createdAt', 'id'])
@Index('comments_search_idx', ['searchVector'], { type: 'gin' })
// Visible comments newest first, for a search's most recent matches (issues.service.ts).
@Index('comments_visible_recent_idx', ['createdAt'], {
  where: `"deleted_at" IS NULL AND "hidden_at" IS NULL`,
})
@Check('comments_language_check', `"language" IN (${sqlList(LANGUAGES)})`)
@Check('comments_body_length_check', `char_length("body") <= 10000`)
@Check('comments_not_own_parent_check', `"parent_id" <> "id"`)
@Check('comments_hidden_check', `("hidden_at" IS NULL) = ("hidden_reason" IS NULL)`)
export class Comment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'issue_id' })
  issueId: string;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  @Index('comments_author_id_idx')
  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User>;

  @Index('comments_parent_id_idx')
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Comment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<Comment>;

  @Column('text')
  body: string;

  @Column('text', { default: 'ky' })
  language: Language;

  @Column('timestamptz', { name: 'edited_at', nullable: true })
  editedAt: Date | null;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;

  @Column('timestamptz', { name: 'hidden_at', nullable: true })
  hiddenAt: Date | null;

  @Column('uuid', { name: 'hidden_by', nullable: true })
  hiddenById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'hidden_by' })
  hiddenBy?: Relation<User>;

  @Column('text', { name: 'hidden_reason', nullable: true })
  hiddenReason: string | null;

  /** The body in the `kenesh` text search configuration, kept by a trigger. */
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
}
