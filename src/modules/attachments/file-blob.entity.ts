import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../common/database/columns.js';
import { bigintNumber } from './bigint-number.js';

/**
 * Stored bytes, in PostgreSQL (docs/decisions.md): the content lives in `file_chunks`. A blob
 * is written while its upload is open with `sha256` null; once its bytes are known it either
 * takes its hash (unique: one copy of each content) or, when that content is already stored,
 * is dropped in favour of the existing blob. Nothing counts references: the sweep job removes
 * blobs that no upload and no attachment points to.
 */
@Entity('file_blobs')
@Index('file_blobs_sha256_key', ['sha256'], { unique: true, where: `"sha256" IS NOT NULL` })
@Check('file_blobs_size_check', `"size" >= 0`)
@Check('file_blobs_sha256_check', `"sha256" ~ '^[0-9a-f]{64}$'`)
export class FileBlob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { nullable: true })
  sha256: string | null;

  @Column('bigint', { default: 0, transformer: bigintNumber })
  size: number;

  @CreatedAt()
  createdAt: Date;
}
