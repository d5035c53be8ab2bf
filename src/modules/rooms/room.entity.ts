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
import { CreatedAt, UpdatedAtMs, sqlList } from '../../common/database/columns.js';
import { Issue } from '../issues/issue.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import { ROOM_KINDS, type RoomKind } from './room.enums.js';

/**
 * A discussion room. `last_seq` is the per-room message counter: a sender increments it in
 * the same transaction that stores the message, so seq is gap-free and unique per room.
 */
@Entity('rooms')
@Check('rooms_kind_check', `"kind" IN (${sqlList(ROOM_KINDS)})`)
@Check('rooms_issue_check', `("kind" = 'issue') = ("issue_id" IS NOT NULL)`)
@Check('rooms_organisation_check', `("kind" = 'organisation') = ("organisation_id" IS NOT NULL)`)
@Check('rooms_slow_mode_check', `"slow_mode_seconds" BETWEEN 0 AND 3600`)
@Check('rooms_last_seq_check', `"last_seq" >= 0`)
@Check('rooms_name_check', `char_length("name") BETWEEN 1 AND 120`)
@Index('rooms_one_per_issue', ['issueId'], { unique: true, where: `"kind" = 'issue'` })
export class Room {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: RoomKind;

  @Column('uuid', { name: 'issue_id', nullable: true })
  issueId: string | null;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  @Index('rooms_organisation_id_idx')
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  @Column('boolean', { default: false })
  locked: boolean;

  @Column('integer', { name: 'slow_mode_seconds', default: 0 })
  slowModeSeconds: number;

  @Column('integer', { name: 'last_seq', default: 0 })
  lastSeq: number;

  @Column('integer', { name: 'pinned_seq', nullable: true })
  pinnedSeq: number | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAtMs()
  updatedAt: Date;
}
