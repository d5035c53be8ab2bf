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
import type { Language } from '../../common/languages.js';
import { User } from '../users/user.entity.js';
import {
  LEGAL_ACT_KINDS,
  LEGAL_ACT_STATUSES,
  type LegalActKind,
  type LegalActStatus,
} from './legal.enums.js';

/**
 * A legal act of the library (docs/legal-library.md): its title in languages, kind, number,
 * date of adoption, issuer and status. One act per (kind, issuer, number, adoption date): an
 * import of the same act finds it by these. `is_sample` marks demo text that must never be
 * shown as the authoritative wording.
 */
@Entity('legal_acts')
// Unique on (kind, issuer, coalesce(number, ''), adopted_at): an expression index TypeORM
// cannot declare (migration LegalLibrary).
@Index('legal_acts_identity_key', { synchronize: false })
@Index('legal_acts_list_idx', ['adoptedAt', 'id'])
@Check('legal_acts_kind_check', `"kind" IN (${sqlList(LEGAL_ACT_KINDS)})`)
@Check('legal_acts_status_check', `"status" IN (${sqlList(LEGAL_ACT_STATUSES)})`)
export class LegalAct {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('jsonb')
  title: Partial<Record<Language, string>>;

  @Column('text')
  kind: LegalActKind;

  @Column('text', { nullable: true })
  number: string | null;

  /** A calendar date (`YYYY-MM-DD`), as the act is dated. */
  @Column('date', { name: 'adopted_at' })
  adoptedAt: string;

  @Column('text')
  issuer: string;

  @Column('text')
  status: LegalActStatus;

  @Column('text', { name: 'source_url', nullable: true })
  sourceUrl: string | null;

  @Column('boolean', { name: 'is_sample', default: false })
  isSample: boolean;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  @CreatedAtMs()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
