import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { CreatedAt } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { bigintNumber } from './bigint-number.js';
import { FileBlob } from './file-blob.entity.js';

/**
 * A tus upload in progress (or finished and not yet turned into an attachment). Its whole
 * state is this row and its blob's chunks, so any node can take the next PATCH.
 */
@Entity('uploads')
@Index('uploads_created_idx', ['createdAt'])
@Check('uploads_offset_check', `"offset" >= 0 AND "offset" <= "length"`)
export class Upload {
  @PrimaryColumn('uuid')
  id: string;

  @Index('uploads_uploader_idx')
  @Column('uuid', { name: 'uploader_id' })
  uploaderId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'uploader_id' })
  uploader?: Relation<User>;

  @Index('uploads_blob_idx')
  @Column('uuid', { name: 'blob_id' })
  blobId: string;

  @ManyToOne(() => FileBlob, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'blob_id' })
  blob?: Relation<FileBlob>;

  @Column('bigint', { transformer: bigintNumber })
  length: number;

  @Column('bigint', { default: 0, transformer: bigintNumber })
  offset: number;

  /** The tus `Upload-Metadata` pairs (the file name, for `Content-Disposition` only). */
  @Column('jsonb', { default: {} })
  metadata: Record<string, string | null>;

  @CreatedAt()
  createdAt: Date;
}
