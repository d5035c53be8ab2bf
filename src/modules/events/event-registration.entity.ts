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
import { CreatedAtMs, sqlList } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { REGISTRATION_STATUSES, type RegistrationStatus } from './event.enums.js';
import { NetworkEvent } from './event.entity.js';

/** One person's place at an event, or in its waitlist (first come, first promoted). */
@Entity('event_registrations')
@Index('event_registrations_queue_idx', ['eventId', 'status', 'createdAt'])
@Check('event_registrations_status_check', `"status" IN (${sqlList(REGISTRATION_STATUSES)})`)
export class EventRegistration {
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Index('event_registrations_user_id_idx')
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => NetworkEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<NetworkEvent>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column('text')
  status: RegistrationStatus;

  @CreatedAtMs()
  createdAt: Date;
}
