import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Issue } from '../issues/issue.entity.js';
import { NetworkEvent } from './event.entity.js';

/** The issues an event is about (a round table on water, a training on documents). */
@Entity('event_issues')
export class EventIssue {
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Index('event_issues_issue_id_idx')
  @PrimaryColumn('uuid', { name: 'issue_id' })
  issueId: string;

  @ManyToOne(() => NetworkEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<NetworkEvent>;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;
}
