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
import { CreatedAt, UpdatedAt, sqlList } from '../../common/database/columns.js';
import { Territory } from '../territories/territory.entity.js';
import { User } from '../users/user.entity.js';
import {
  NETWORK_STATUSES,
  type NetworkStatus,
  ORGANISATION_KINDS,
  type OrganisationKind,
} from './organisation.enums.js';

export interface OrganisationContacts {
  email?: string;
  phone?: string;
  address?: string;
  website?: string;
}

@Entity('organisations')
@Index('organisations_territory_name_key', ['territoryId', 'name'], { unique: true })
@Index('organisations_name_id_idx', ['name', 'id'])
// Trigram index on the search key of name and description for `q` (migration SearchFolding).
@Index('organisations_search_key_trgm_idx', { synchronize: false })
@Check('organisations_kind_check', `"kind" IN (${sqlList(ORGANISATION_KINDS)})`)
@Check('organisations_network_status_check', `"network_status" IN (${sqlList(NETWORK_STATUSES)})`)
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: OrganisationKind;

  @Index('organisations_territory_id_idx')
  @Column('uuid', { name: 'territory_id' })
  territoryId: string;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  contacts: OrganisationContacts;

  @Column('text', { name: 'network_status', default: 'none' })
  networkStatus: NetworkStatus;

  @Column('text', { name: 'network_motivation', nullable: true })
  networkMotivation: string | null;

  @Column('timestamptz', { name: 'network_applied_at', nullable: true })
  networkAppliedAt: Date | null;

  @Column('text', { name: 'network_decision_reason', nullable: true })
  networkDecisionReason: string | null;

  @Column('timestamptz', { name: 'network_decided_at', nullable: true })
  networkDecidedAt: Date | null;

  @Column('uuid', { name: 'network_decided_by', nullable: true })
  networkDecidedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'network_decided_by' })
  networkDecidedBy?: Relation<User>;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
