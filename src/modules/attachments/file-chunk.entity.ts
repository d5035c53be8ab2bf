import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { FileBlob } from './file-blob.entity.js';

/**
 * One piece of a blob's bytes, in order of `seq`. Pieces are CHUNK_BYTES long except the
 * last; small writes are gathered into whole pieces before they are stored (blob-store.ts).
 */
@Entity('file_chunks')
@Check('file_chunks_seq_check', `"seq" >= 0`)
export class FileChunk {
  @PrimaryColumn('uuid', { name: 'blob_id' })
  blobId: string;

  @ManyToOne(() => FileBlob, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blob_id' })
  blob?: Relation<FileBlob>;

  @PrimaryColumn('integer')
  seq: number;

  @Column('bytea')
  data: Buffer;
}
