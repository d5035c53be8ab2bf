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
import { CreatedAtMs, sqlList } from '../../common/database/columns.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Territory } from '../territories/territory.entity.js';
import { User } from '../users/user.entity.js';
import {
  AUDIENCES,
  type Audience,
  MAX_REACH_COUNT,
  REACH_CHANNELS,
  type ReachChannel,
} from './campaign.enums.js';
import { CampaignPublication } from './campaign-publication.entity.js';
import { Campaign } from './campaign.entity.js';

/**
 * One line of the reach log: on a day, in a territory, through a channel, an organisation
 * reached so many women, men and people who did not say, counted or estimated. `client_row_id`
 * is the phone's id for the line (unique): a line sent again is not stored again, and
 * `content_hash` tells a replay (the same content) from a clash (other content under the id).
 */
@Entity('campaign_reach')
@Index('campaign_reach_client_row_key', ['clientRowId'], { unique: true })
@Index('campaign_reach_campaign_idx', ['campaignId', 'createdAt', 'id'])
@Check('campaign_reach_channel_check', `"channel" IN (${sqlList(REACH_CHANNELS)})`)
@Check('campaign_reach_audience_check', `"audience" IN (${sqlList(AUDIENCES)})`)
@Check(
  'campaign_reach_counts_check',
  `"female" BETWEEN 0 AND ${MAX_REACH_COUNT} AND "male" BETWEEN 0 AND ${MAX_REACH_COUNT} AND "undisclosed" BETWEEN 0 AND ${MAX_REACH_COUNT} AND "female" + "male" + "undisclosed" > 0`,
)
export class CampaignReach {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'campaign_id' })
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<Campaign>;

  @Column('text', { name: 'client_row_id' })
  clientRowId: string;

  /** The calendar day it happened (Kyrgyzstan's). */
  @Column('date')
  date: string;

  @Index('campaign_reach_territory_id_idx')
  @Column('uuid', { name: 'territory_id' })
  territoryId: string;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;

  @Column('text')
  channel: ReachChannel;

  @Index('campaign_reach_publication_id_idx')
  @Column('uuid', { name: 'publication_id', nullable: true })
  publicationId: string | null;

  @ManyToOne(() => CampaignPublication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'publication_id' })
  publication?: Relation<CampaignPublication>;

  @Column('text')
  audience: Audience;

  @Column('integer')
  female: number;

  @Column('integer')
  male: number;

  @Column('integer')
  undisclosed: number;

  /** True when the numbers are an estimate (a broadcast, a market day), false when counted. */
  @Column('boolean')
  estimated: boolean;

  @Index('campaign_reach_organisation_id_idx')
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Column('text', { name: 'content_hash' })
  contentHash: string;

  @Column('uuid', { name: 'entered_by', nullable: true })
  enteredById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'entered_by' })
  enteredBy?: Relation<User>;

  @CreatedAtMs()
  createdAt: Date;
}
