import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAt } from '../../common/database/columns.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { NetworkEvent } from './event.entity.js';

/**
 * A commitment made at an event (closing), with the organisation that owns it and a due date;
 * issue 13's strategy actions may be made from these, hence ids of their own.
 */
@Entity('event_commitments')
@Index('event_commitments_event_idx', ['eventId', 'position'], { unique: true })
export class EventCommitment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @ManyToOne(() => NetworkEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<NetworkEvent>;

  @Column('smallint')
  position: number;

  @Column('text')
  text: string;

  @Index('event_commitments_owner_idx')
  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id' })
  owner?: Relation<Organisation>;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @CreatedAt()
  createdAt: Date;
}
