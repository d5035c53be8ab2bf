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
import { CreatedAtMs, sqlList } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import {
  AUDIENCES,
  type Audience,
  PUBLICATION_KINDS,
  PUBLICATION_LANGUAGES,
  type PublicationKind,
  type PublicationLanguage,
} from './campaign.enums.js';
import { Campaign } from './campaign.entity.js';

/**
 * A leaflet, poster, broadcast, video, post, talk or SMS of a campaign, in one language, for
 * one or more audiences. It counts in the summaries only once a facilitator approved it.
 */
@Entity('campaign_publications')
@Index('campaign_publications_campaign_idx', ['campaignId', 'createdAt', 'id'])
@Check('campaign_publications_kind_check', `"kind" IN (${sqlList(PUBLICATION_KINDS)})`)
@Check('campaign_publications_language_check', `"language" IN (${sqlList(PUBLICATION_LANGUAGES)})`)
@Check(
  'campaign_publications_audiences_check',
  `cardinality("audiences") > 0 AND "audiences" <@ ARRAY[${sqlList(AUDIENCES)}]::text[]`,
)
@Check('campaign_publications_approved_check', `("approved_at" IS NULL) = ("approved_by" IS NULL)`)
export class CampaignPublication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'campaign_id' })
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<Campaign>;

  @Column('text')
  kind: PublicationKind;

  @Column('text')
  language: PublicationLanguage;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  body: string | null;

  @Column('text', { array: true })
  audiences: Audience[];

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  /** Who approved it; kept when the account goes (the audit log names them too). */
  @Column('uuid', { name: 'approved_by', nullable: true })
  approvedById: string | null;

  @Index('campaign_publications_created_by_idx')
  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: Relation<User>;

  @CreatedAtMs()
  createdAt: Date;
}

/** A provision a publication explains (no foreign key, as for campaigns). */
@Entity('campaign_publication_provisions')
export class CampaignPublicationProvision {
  @PrimaryColumn('uuid', { name: 'publication_id' })
  publicationId: string;

  @ManyToOne(() => CampaignPublication, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'publication_id' })
  publication?: Relation<CampaignPublication>;

  @Index('campaign_publication_provisions_provision_id_idx')
  @PrimaryColumn('uuid', { name: 'provision_id' })
  provisionId: string;
}
