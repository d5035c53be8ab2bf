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
import type { Language } from '../../common/languages.js';
import { LegalAct } from './legal-act.entity.js';
import { EID_PATTERN } from './legal.enums.js';

/**
 * One provision of an act (article, part, point…) with its own stable id: `id` (a uuid, what
 * other modules store) and `e_id` (Akoma Ntoso style, unique within the act, what a reader
 * cites). `parent_e_id` nests it in the act's tree; `position` is its place in the document.
 * `search_vector` (the `kenesh` configuration over search keys, heading weight A and text B,
 * every language) is kept by a trigger (migration LegalLibrary).
 */
@Entity('legal_provisions')
@Index('legal_provisions_act_eid_key', ['actId', 'eId'], { unique: true })
@Index('legal_provisions_act_position_idx', ['actId', 'position'])
@Index('legal_provisions_search_idx', ['searchVector'], { type: 'gin' })
@Check('legal_provisions_eid_check', `"e_id" ~ '${EID_PATTERN.source}'`)
@Check('legal_provisions_parent_check', `"parent_e_id" IS NULL OR "parent_e_id" <> "e_id"`)
export class LegalProvision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'act_id' })
  actId: string;

  @ManyToOne(() => LegalAct, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'act_id' })
  act?: Relation<LegalAct>;

  @Column('text', { name: 'e_id' })
  eId: string;

  @Column('text', { name: 'parent_e_id', nullable: true })
  parentEId: string | null;

  @Column('int')
  position: number;

  @Column('jsonb')
  heading: Partial<Record<Language, string>>;

  @Column('jsonb')
  text: Partial<Record<Language, string>>;

  @Column({
    type: 'tsvector',
    name: 'search_vector',
    nullable: true,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
