import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { NetworkEvent } from '../events/event.entity.js';
import { Finding } from './finding.entity.js';

/** The events (focus groups above all) a finding cites as evidence. */
@Entity('finding_events')
export class FindingEvent {
  @PrimaryColumn('uuid', { name: 'finding_id' })
  findingId: string;

  @Index('finding_events_event_id_idx')
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @ManyToOne(() => Finding, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'finding_id' })
  finding?: Relation<Finding>;

  @ManyToOne(() => NetworkEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<NetworkEvent>;
}
