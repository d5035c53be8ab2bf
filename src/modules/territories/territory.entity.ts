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

export const TERRITORY_LEVELS = ['oblast', 'district', 'aiyl_aimak', 'village'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

export const BORDER_STATUSES = ['delimited', 'non_delimited', 'none'] as const;
export type BorderStatus = (typeof BORDER_STATUSES)[number];

export interface TerritoryName {
  ky: string;
  ru: string;
  en: string;
}

@Entity('territories')
@Check('territories_level_check', `"level" IN (${sqlList(TERRITORY_LEVELS)})`)
@Check('territories_border_status_check', `"border_status" IN (${sqlList(BORDER_STATUSES)})`)
@Check('territories_root_check', `("level" = 'oblast') = ("parent_id" IS NULL)`)
@Check('territories_name_check', `"name" ?& ARRAY['ky', 'ru', 'en']`)
export class Territory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable slug for reference data (`batken-oblast`, `ak-sai`), used by seeds and imports. */
  @Index('territories_code_key', { unique: true })
  @Column('text')
  code: string;

  @Column('text')
  level: TerritoryLevel;

  @Column('jsonb')
  name: TerritoryName;

  @Index('territories_parent_id_idx')
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<Territory>;

  @Column('text', { name: 'border_status', nullable: true })
  borderStatus: BorderStatus | null;

  @CreatedAt()
  createdAt: Date;
}
