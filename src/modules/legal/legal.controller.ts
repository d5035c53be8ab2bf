import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { Roles } from '../../common/decorators/roles.decorator.js';
import { AppError } from '../../common/errors/app-error.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import {
  CreateIssueLinkDto,
  CreateLegalActDto,
  CreateProvisionDto,
  DecideIssueLinkDto,
  ImportLegalActDto,
  ImportResultDto,
  IssueLinkViewDto,
  LegalActPageDto,
  LegalActsQueryDto,
  LegalActViewDto,
  LegalBasisDto,
  ProvisionSearchPageDto,
  ProvisionSearchQueryDto,
  ProvisionViewDto,
  UpdateLegalActDto,
} from './dto/legal.dto.js';
import { EID_MAX, EID_PATTERN } from './legal.enums.js';
import { LegalService } from './legal.service.js';

@ApiTags('legal')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('legal-acts')
export class LegalActsController {
  constructor(private readonly legal: LegalService) {}

  @Post()
  @ApiOperation({
    summary: 'Add a legal act to the library',
    description:
      'Facilitators and admins. One act per kind, issuer, number and adoption date (409 for a second). isSample marks demo text.',
  })
  @Roles('facilitator', 'admin')
  @ApiCreatedResponse({ type: LegalActViewDto })
  @ApiProblems(400, 403, 409)
  createLegalAct(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateLegalActDto,
  ): Promise<LegalActViewDto> {
    return this.legal.createAct(actor, body);
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import one act from a file (extension)',
    description:
      'Facilitators and admins. The act’s fields and its provisions by eId (parents before children), validated whole before anything is stored; the act is matched by kind, issuer, number and adoption date, and a re-import updates its provisions by eId (the same file twice changes nothing). Audited.',
  })
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblems(400, 403, 413)
  importLegalAct(
    @CurrentUser() actor: AuthUser,
    @Body() body: ImportLegalActDto,
  ): Promise<ImportResultDto> {
    return this.legal.importAct(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List legal acts',
    description: 'Newest adoption first, in pages; q matches title, number and issuer.',
  })
  @ApiOkResponse({ type: LegalActPageDto })
  @ApiProblems(400)
  listLegalActs(@Query() query: LegalActsQueryDto): Promise<LegalActPageDto> {
    return this.legal.listActs(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One legal act with its tree of provisions',
    description: 'Provisions nested by parentEId, in document order.',
  })
  @ApiOkResponse({ type: LegalActViewDto })
  @ApiProblems(400, 404)
  getLegalAct(@UuidParam('id') id: string): Promise<LegalActViewDto> {
    return this.legal.getAct(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an act (extension)',
    description: 'Facilitators and admins: status, title, sourceUrl. Audited.',
  })
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: LegalActViewDto })
  @ApiProblems(400, 403, 404)
  updateLegalAct(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateLegalActDto,
  ): Promise<LegalActViewDto> {
    return this.legal.updateAct(actor, id, body);
  }

  @Post(':id/provisions')
  @ApiOperation({
    summary: 'Add a provision to an act',
    description:
      'Facilitators and admins. eId in the Akoma Ntoso style (art_12__para_3), unique within the act (409); parentEId names a provision of the act already there.',
  })
  @Roles('facilitator', 'admin')
  @ApiCreatedResponse({ type: ProvisionViewDto })
  @ApiProblems(400, 403, 404, 409)
  addProvision(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CreateProvisionDto,
  ): Promise<ProvisionViewDto> {
    return this.legal.addProvision(actor, id, body);
  }

  @Get(':id/provisions/:eId')
  @ApiOperation({
    summary: 'One provision by its eId (extension)',
    description: 'The stable address of a provision within its act.',
  })
  @ApiParam({ name: 'eId', example: 'art_12__para_3' })
  @ApiOkResponse({ type: ProvisionViewDto })
  @ApiProblems(400, 404)
  getProvisionByEId(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Param('eId') eId: string,
  ): Promise<ProvisionViewDto> {
    if (eId.length > EID_MAX || !EID_PATTERN.test(eId)) throw AppError.notFound('provision');
    return this.legal.getProvisionByEId(actor, id, eId);
  }
}

@ApiTags('legal')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('provisions')
export class ProvisionsController {
  constructor(private readonly legal: LegalService) {}

  @Get()
  @ApiOperation({
    summary: 'Search provisions',
    description:
      'Ranked search over headings and texts in Kyrgyz and Russian (text typed without ө ү ң finds them), best first. Each item has a plain-text snippet with highlight ranges (UTF-16 offsets) and the same as escaped HTML with <mark>.',
  })
  @ApiOkResponse({ type: ProvisionSearchPageDto })
  @ApiProblems(400)
  searchProvisions(
    @CurrentUser() actor: AuthUser,
    @Query() query: ProvisionSearchQueryDto,
  ): Promise<ProvisionSearchPageDto> {
    return this.legal.search(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One provision',
    description:
      'With its act, its path in the act, its children and its links to issues (confirmed ones; proposed ones too for staff and their proposer).',
  })
  @ApiOkResponse({ type: ProvisionViewDto })
  @ApiProblems(400, 404)
  getProvision(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<ProvisionViewDto> {
    return this.legal.getProvision(actor, id);
  }

  @Post(':id/issue-links')
  @ApiOperation({
    summary: 'Link a provision to an issue',
    description:
      'Any signed-in member proposes (status proposed); a facilitator’s or admin’s own link is confirmed at once. One per provision, issue and relation (409).',
  })
  @ApiCreatedResponse({ type: IssueLinkViewDto })
  @ApiProblems(400, 404, 409)
  linkProvisionToIssue(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CreateIssueLinkDto,
  ): Promise<IssueLinkViewDto> {
    return this.legal.proposeLink(actor, id, body);
  }
}

@ApiTags('legal')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('issue-links')
export class IssueLinksController {
  constructor(private readonly legal: LegalService) {}

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a proposed link (extension)',
    description: 'Facilitators and admins. Audited. Already confirmed: 409.',
  })
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: IssueLinkViewDto })
  @ApiProblems(400, 403, 404, 409)
  confirmIssueLink(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: DecideIssueLinkDto,
  ): Promise<IssueLinkViewDto> {
    return this.legal.decideLink(actor, id, 'confirmed', body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject a link (extension)',
    description:
      'Facilitators and admins, for a proposed or a confirmed link. Audited. Already rejected: 409.',
  })
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: IssueLinkViewDto })
  @ApiProblems(400, 403, 404, 409)
  rejectIssueLink(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: DecideIssueLinkDto,
  ): Promise<IssueLinkViewDto> {
    return this.legal.decideLink(actor, id, 'rejected', body);
  }
}

@ApiTags('legal')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('issues/:id/legal-basis')
export class IssueLegalBasisController {
  constructor(private readonly legal: LegalService) {}

  @Get()
  @ApiOperation({
    summary: 'The legal basis of an issue',
    description:
      'Confirmed links from provisions, each with its act, eId, heading, relation and note; proposed ones too (marked by status) for staff and their proposer.',
  })
  @ApiOkResponse({ type: LegalBasisDto })
  @ApiProblems(400, 404)
  getIssueLegalBasis(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<LegalBasisDto> {
    return this.legal.legalBasis(actor, id);
  }
}
