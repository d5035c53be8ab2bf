import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../common/database/columns.js';
import type { LocalisedText } from '../surveys/survey-contract.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';

/**
 * An information campaign: its title, objective and period; run by the network's staff or by
 * one organisation. `strategy_id` names a strategy (table `strategies`) without a foreign key:
 * that module is built in parallel (issue 13); the lead may add the key when both are merged.
 */
@Entity('campaigns')
@Index('campaigns_starts_idx', ['startsAt', 'id'])
@Check('campaigns_period_check', `"ends_at" > "starts_at"`)
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('jsonb')
  title: LocalisedText;

  @Column('jsonb')
  objective: LocalisedText;

  /** Millisecond precision: the list's keyset cursor carries it. */
  @Column({ type: 'timestamptz', name: 'starts_at', precision: 3 })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at', precision: 3 })
  endsAt: Date;

  @Index('campaigns_strategy_id_idx')
  @Column('uuid', { name: 'strategy_id', nullable: true })
  strategyId: string | null;

  @Index('campaigns_organisation_id_idx')
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Index('campaigns_created_by_idx')
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

/**
 * A provision of the legal library a campaign explains. No foreign key to `legal_provisions`:
 * the legal library is built in parallel (issue 13); ids are checked on the way in.
 */
@Entity('campaign_provisions')
export class CampaignProvision {
  @PrimaryColumn('uuid', { name: 'campaign_id' })
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<Campaign>;

  @Index('campaign_provisions_provision_id_idx')
  @PrimaryColumn('uuid', { name: 'provision_id' })
  provisionId: string;
}
