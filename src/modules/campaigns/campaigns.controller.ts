import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { CampaignsService } from './campaigns.service.js';
import {
  CampaignPageDto,
  CampaignsQueryDto,
  CampaignViewDto,
  CreateCampaignDto,
  CreatePublicationDto,
  CreateReachDto,
  PublicationViewDto,
  ReachPageDto,
  ReachQueryDto,
  ReachSummaryDto,
  ReachViewDto,
} from './dto/campaign.dto.js';

@ApiTags('campaigns')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post()
  @ApiOperation({
    summary: 'Start an information campaign',
    description:
      'Title, objective, period; the strategy it serves and the provisions it explains (each must exist). Facilitators and admins; representatives of a network-member organisation, for it (organisationId).',
  })
  @ApiCreatedResponse({ type: CampaignViewDto })
  @ApiProblems(400, 403, 413)
  createCampaign(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateCampaignDto,
  ): Promise<CampaignViewDto> {
    return this.campaigns.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List campaigns',
    description:
      'Latest start first, in pages; with publication counts and people reached (approved publications only). Filters: organisation, strategy, running between from and to.',
  })
  @ApiOkResponse({ type: CampaignPageDto })
  @ApiProblems(400)
  listCampaigns(
    @CurrentUser() actor: AuthUser,
    @Query() query: CampaignsQueryDto,
  ): Promise<CampaignPageDto> {
    return this.campaigns.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One campaign',
    description:
      'With its publications (approved or waiting) and people reached, counted and estimated apart.',
  })
  @ApiOkResponse({ type: CampaignViewDto })
  @ApiProblems(400, 404)
  getCampaign(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<CampaignViewDto> {
    return this.campaigns.get(actor, id);
  }

  @Post(':id/publications')
  @ApiOperation({
    summary: 'Add a publication',
    description:
      'A leaflet, poster, radio or video piece, post, talk or SMS, in one language, for its audiences. Waits for a facilitator’s approval before it counts. The campaign’s creator and its organisation’s representatives, facilitators and admins (staff on another’s campaign are audited).',
  })
  @ApiCreatedResponse({ type: PublicationViewDto })
  @ApiProblems(400, 403, 404, 413)
  addPublication(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CreatePublicationDto,
  ): Promise<PublicationViewDto> {
    return this.campaigns.addPublication(actor, id, body);
  }

  @Post(':id/reach')
  @ApiOperation({
    summary: 'Log people reached',
    description:
      'One line: day, territory, channel, publication (approved, of this campaign), audience, women, men, undisclosed, estimated or counted, for an organisation the caller belongs to (facilitators and admins: any, audited). 201 the first time; the same clientRowId and content again: 200 with the stored line, nothing stored; the same clientRowId with other content: 409.',
  })
  @ApiCreatedResponse({ type: ReachViewDto })
  @ApiOkResponse({ type: ReachViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  async addReach(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CreateReachDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReachViewDto> {
    const { created, view } = await this.campaigns.addReach(actor, id, body);
    res.status(created ? 201 : 200);
    return view;
  }

  @Get(':id/reach')
  @ApiOperation({
    summary: 'The reach log',
    description:
      'Oldest first, in pages. Staff and the campaign’s owners read every line; others the lines of their own organisations (a phone reconciles with it).',
  })
  @ApiOkResponse({ type: ReachPageDto })
  @ApiProblems(400, 404)
  listReach(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: ReachQueryDto,
  ): Promise<ReachPageDto> {
    return this.campaigns.listReach(actor, id, query);
  }

  @Get(':id/reach-summary')
  @ApiOperation({
    summary: 'People reached, summed',
    description:
      'By the publication’s language (unknown: lines without one), by aiyl aimak, by audience and by gender, counted and estimated apart. Lines of publications not approved do not count.',
  })
  @ApiOkResponse({ type: ReachSummaryDto })
  @ApiProblems(400, 404)
  reachSummary(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<ReachSummaryDto> {
    return this.campaigns.summary(actor, id);
  }
}

@ApiTags('campaigns')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('publications')
export class PublicationsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a publication',
    description:
      'Facilitators and admins, audited; from then on it counts. Approving it again changes nothing.',
  })
  @ApiOkResponse({ type: PublicationViewDto })
  @ApiProblems(400, 403, 404)
  approvePublication(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<PublicationViewDto> {
    return this.campaigns.approve(actor, id);
  }
}
