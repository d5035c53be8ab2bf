import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAtMs } from '../../common/database/columns.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import { Issue } from './issue.entity.js';

/** An organisation co-signs an issue ("affects us too"): one per organisation per issue. */
@Entity('endorsements')
@Index('endorsements_issue_organisation_key', ['issueId', 'organisationId'], { unique: true })
export class Endorsement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'issue_id' })
  issueId: string;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  @Index('endorsements_organisation_id_idx')
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Column('uuid', { name: 'endorsed_by', nullable: true })
  endorsedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'endorsed_by' })
  endorsedBy?: Relation<User>;

  @Column('text', { nullable: true })
  note: string | null;

  @CreatedAtMs()
  createdAt: Date;
}
