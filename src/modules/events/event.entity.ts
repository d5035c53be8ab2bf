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
import { LANGUAGES, type Language } from '../../common/languages.js';
import type { LocalisedText } from '../surveys/survey-contract.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Territory } from '../territories/territory.entity.js';
import { User } from '../users/user.entity.js';
import {
  EVENT_KINDS,
  EVENT_STATUSES,
  type EventKind,
  type EventStatus,
  FOCUS_GROUPS,
  type FocusGroup,
} from './event.enums.js';

/**
 * A gathering of the network: a training, round table, focus group, network meeting or
 * presentation. Planned, then held (closed with minutes). See docs/events.md.
 */
@Entity('events')
@Index('events_starts_idx', ['startsAt', 'id'])
@Check('events_kind_check', `"kind" IN (${sqlList(EVENT_KINDS)})`)
@Check('events_status_check', `"status" IN (${sqlList(EVENT_STATUSES)})`)
@Check(
  'events_focus_group_check',
  `("kind" = 'focus_group') = ("focus_group" IS NOT NULL) AND ("focus_group" IS NULL OR "focus_group" IN (${sqlList(FOCUS_GROUPS)}))`,
)
@Check('events_language_check', `"language" IN (${sqlList(LANGUAGES)})`)
@Check('events_capacity_check', `"capacity" > 0`)
@Check('events_min_cell_size_check', `"min_cell_size" >= 3`)
@Check('events_ends_check', `"ends_at" >= "starts_at"`)
@Check('events_held_check', `("status" = 'held') = ("closed_at" IS NOT NULL)`)
export class NetworkEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: EventKind;

  @Column('jsonb')
  title: LocalisedText;

  /** Millisecond precision: the list's keyset cursor carries it (see CreatedAtMs). */
  @Column({ type: 'timestamptz', name: 'starts_at', precision: 3 })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at', precision: 3, nullable: true })
  endsAt: Date | null;

  @Index('events_territory_id_idx')
  @Column('uuid', { name: 'territory_id' })
  territoryId: string;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;

  @Column('text', { nullable: true })
  place: string | null;

  @Index('events_organiser_idx')
  @Column('uuid', { name: 'organiser_organisation_id', nullable: true })
  organiserOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organiser_organisation_id' })
  organiser?: Relation<Organisation>;

  @Column('integer', { nullable: true })
  capacity: number | null;

  @Column('text', { nullable: true })
  language: Language | null;

  /** Focus groups only: who was gathered. */
  @Column('text', { name: 'focus_group', nullable: true })
  group: FocusGroup | null;

  /** Cells of the statistics under this are suppressed for viewers other than organisers. */
  @Column('integer', { name: 'min_cell_size', default: 5 })
  minCellSize: number;

  @Column('text', { default: 'planned' })
  status: EventStatus;

  @Column('jsonb', { nullable: true })
  minutes: LocalisedText | null;

  @Column('text', { nullable: true })
  findings: string | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('uuid', { name: 'closed_by', nullable: true })
  closedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'closed_by' })
  closedBy?: Relation<User>;

  @Index('events_created_by_idx')
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
