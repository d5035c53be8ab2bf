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
import { AGE_BANDS, type AgeBand, GENDERS, type Gender } from '../surveys/survey-contract.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Territory } from '../territories/territory.entity.js';
import { User } from '../users/user.entity.js';
import { ATTENDANCE_ROLES, type AttendanceRole } from './event.enums.js';
import { NetworkEvent } from './event.entity.js';

/**
 * One line of a paper sign-in sheet. `client_row_id` is the phone's id for the line: a line
 * sent again is not stored again (unique per event).
 */
@Entity('event_attendance')
@Index('event_attendance_client_row_key', ['eventId', 'clientRowId'], { unique: true })
@Index('event_attendance_user_key', ['eventId', 'userId'], {
  unique: true,
  where: '"user_id" IS NOT NULL',
})
@Check('event_attendance_who_check', `("user_id" IS NULL) <> ("name" IS NULL)`)
@Check('event_attendance_gender_check', `"gender" IN (${sqlList(GENDERS)})`)
@Check('event_attendance_age_band_check', `"age_band" IN (${sqlList(AGE_BANDS)})`)
@Check('event_attendance_role_check', `"role" IN (${sqlList(ATTENDANCE_ROLES)})`)
export class EventAttendance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @ManyToOne(() => NetworkEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<NetworkEvent>;

  @Column('text', { name: 'client_row_id' })
  clientRowId: string;

  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column('text', { nullable: true })
  name: string | null;

  @Index('event_attendance_organisation_id_idx')
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Column('text')
  gender: Gender;

  @Column('text', { name: 'age_band' })
  ageBand: AgeBand;

  @Column('uuid', { name: 'territory_id', nullable: true })
  territoryId: string | null;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;

  @Column('text')
  role: AttendanceRole;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by' })
  recordedBy?: Relation<User>;

  @CreatedAt()
  createdAt: Date;
}
