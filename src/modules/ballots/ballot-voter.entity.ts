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
import { sqlList } from '../../common/database/columns.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisations/organisation.enums.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Territory } from '../territories/territory.entity.js';
import { Ballot } from './ballot.entity.js';

/**
 * The roll, frozen when the ballot opens: each organisation with a voice, with its kind and
 * aiyl aimak as they were then (the breakdowns of the results use these, not today's).
 */
@Entity('ballot_voters')
@Check('ballot_voters_kind_check', `"kind" IN (${sqlList(ORGANISATION_KINDS)})`)
export class BallotVoter {
  @PrimaryColumn('uuid', { name: 'ballot_id' })
  ballotId: string;

  @Index('ballot_voters_organisation_id_idx')
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  kind: OrganisationKind;

  @Column('uuid', { name: 'aiyl_aimak_id', nullable: true })
  aiylAimakId: string | null;

  @ManyToOne(() => Ballot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ballot_id' })
  ballot?: Relation<Ballot>;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'aiyl_aimak_id' })
  aiylAimak?: Relation<Territory>;
}
