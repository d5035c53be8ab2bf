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
import { Comment } from './comment.entity.js';

/** The body a comment had before an edit. */
@Entity('comment_revisions')
@Index('comment_revisions_comment_idx', ['commentId', 'createdAt'])
export class CommentRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'comment_id' })
  commentId: string;

  @ManyToOne(() => Comment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id' })
  comment?: Relation<Comment>;

  @Column('text')
  body: string;

  @CreatedAtMs()
  createdAt: Date;
}
