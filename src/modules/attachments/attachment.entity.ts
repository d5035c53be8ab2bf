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
import { CreatedAt, sqlList } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_PARENT_TYPES,
  type AttachmentKind,
  type AttachmentParentType,
} from './attachment-parents.js';
import { bigintNumber } from './bigint-number.js';
import { FileBlob } from './file-blob.entity.js';

/**
 * A file as the hub knows it: what its bytes are (read from them, never from the name), its
 * variants, and the one item it is attached to. Unattached it is its uploader's alone; once
 * attached it is exactly as visible as its parent. `parent_hidden` and `parent_deleted_at`
 * mirror the parent's state so the signed download route (which has no viewer) can refuse.
 */
@Entity('attachments')
@Index('attachments_parent_idx', ['parentType', 'parentId', 'position'], {
  where: `"parent_id" IS NOT NULL`,
})
@Index('attachments_unattached_idx', ['createdAt'], { where: `"parent_id" IS NULL` })
@Index('attachments_parent_deleted_idx', ['parentDeletedAt'], {
  where: `"parent_deleted_at" IS NOT NULL`,
})
@Check('attachments_kind_check', `"kind" IN (${sqlList(ATTACHMENT_KINDS)})`)
@Check('attachments_parent_type_check', `"parent_type" IN (${sqlList(ATTACHMENT_PARENT_TYPES)})`)
@Check(
  'attachments_parent_check',
  `("parent_type" IS NULL) = ("parent_id" IS NULL) AND ("parent_id" IS NULL) = ("attached_at" IS NULL) AND ("parent_id" IS NULL) = ("position" IS NULL)`,
)
@Check('attachments_hidden_check', `("hidden_at" IS NULL) = ("hidden_reason" IS NULL)`)
@Check('attachments_caption_length_check', `char_length("caption") <= 1000`)
@Check('attachments_size_check', `"size" >= 0`)
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The tus upload it came from: the same upload posted twice is the same attachment. */
  @Index('attachments_upload_key', { unique: true })
  @Column('uuid', { name: 'upload_id' })
  uploadId: string;

  @Index('attachments_uploader_idx')
  @Column('uuid', { name: 'uploader_id', nullable: true })
  uploaderId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploader_id' })
  uploader?: Relation<User>;

  @Column('text')
  kind: AttachmentKind;

  @Column('text', { name: 'mime_type' })
  mimeType: string;

  /** Of the original as served (for a photo: re-encoded, without metadata). */
  @Column('bigint', { transformer: bigintNumber })
  size: number;

  @Column('text')
  sha256: string;

  @Index('attachments_blob_idx')
  @Column('uuid', { name: 'blob_id' })
  blobId: string;

  @ManyToOne(() => FileBlob, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'blob_id' })
  blob?: Relation<FileBlob>;

  @Index('attachments_display_blob_idx')
  @Column('uuid', { name: 'display_blob_id', nullable: true })
  displayBlobId: string | null;

  @ManyToOne(() => FileBlob, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'display_blob_id' })
  displayBlob?: Relation<FileBlob>;

  @Index('attachments_thumbnail_blob_idx')
  @Column('uuid', { name: 'thumbnail_blob_id', nullable: true })
  thumbnailBlobId: string | null;

  @ManyToOne(() => FileBlob, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'thumbnail_blob_id' })
  thumbnailBlob?: Relation<FileBlob>;

  @Column('integer', { nullable: true })
  width: number | null;

  @Column('integer', { nullable: true })
  height: number | null;

  @Column('double precision', { name: 'duration_seconds', nullable: true })
  durationSeconds: number | null;

  @Column('text', { nullable: true })
  caption: string | null;

  /** The uploader's file name, cleaned: only ever a download's suggested name, never a path. */
  @Column('text', { name: 'file_name', nullable: true })
  fileName: string | null;

  @Column('text', { name: 'parent_type', nullable: true })
  parentType: AttachmentParentType | null;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('smallint', { nullable: true })
  position: number | null;

  @Column('timestamptz', { name: 'attached_at', nullable: true })
  attachedAt: Date | null;

  @Column('timestamptz', { name: 'hidden_at', nullable: true })
  hiddenAt: Date | null;

  @Column('uuid', { name: 'hidden_by', nullable: true })
  hiddenById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'hidden_by' })
  hiddenBy?: Relation<User>;

  @Column('text', { name: 'hidden_reason', nullable: true })
  hiddenReason: string | null;

  @Column('boolean', { name: 'parent_hidden', default: false })
  parentHidden: boolean;

  @Column('timestamptz', { name: 'parent_deleted_at', nullable: true })
  parentDeletedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
