import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  CampaignPublication,
  CampaignPublicationProvision,
} from './campaign-publication.entity.js';
import { CampaignReach } from './campaign-reach.entity.js';
import { Campaign, CampaignProvision } from './campaign.entity.js';
import { CampaignsController, PublicationsController } from './campaigns.controller.js';
import { CampaignsService } from './campaigns.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Campaign,
      CampaignProvision,
      CampaignPublication,
      CampaignPublicationProvision,
      CampaignReach,
    ]),
  ],
  controllers: [CampaignsController, PublicationsController],
  providers: [CampaignsService],
})
export class CampaignsModule {}
