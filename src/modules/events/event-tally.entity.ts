import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { sqlList } from '../../common/database/columns.js';
import { AGE_BANDS, type AgeBand, GENDERS, type Gender } from '../surveys/survey-contract.js';
import { NetworkEvent } from './event.entity.js';

/** Participants counted without names (focus groups): one count per gender × age band. */
@Entity('event_tallies')
@Check('event_tallies_gender_check', `"gender" IN (${sqlList(GENDERS)})`)
@Check('event_tallies_age_band_check', `"age_band" IN (${sqlList(AGE_BANDS)})`)
@Check('event_tallies_count_check', `"count" >= 0`)
export class EventTally {
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @PrimaryColumn('text')
  gender: Gender;

  @PrimaryColumn('text', { name: 'age_band' })
  ageBand: AgeBand;

  @ManyToOne(() => NetworkEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<NetworkEvent>;

  @Column('integer')
  count: number;
}
