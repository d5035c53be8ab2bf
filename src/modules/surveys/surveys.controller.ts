import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { Public } from '../../common/decorators/public.decorator.js';
import { AppError } from '../../common/errors/app-error.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import {
  CreateSurveyDto,
  CreateSurveyLinkDto,
  CreateSurveyVersionDto,
  PublicSubmitSurveyDto,
  PublicSurveyViewDto,
  ReconcileDto,
  ReconcileResultDto,
  ReviseSubmissionDto,
  SubmissionPageDto,
  SubmissionViewDto,
  SubmitSurveyDto,
  SurveyLinkPageDto,
  SurveyLinkViewDto,
  SurveyPageDto,
  SurveysQueryDto,
  SurveyTransitionDto,
  SurveyViewDto,
  UpdateSurveyDto,
} from './dto/survey.dto.js';
import { SkipIdempotency } from '../idempotency/idempotency-policy.js';
import { PublicSurveyRateLimitGuard } from './public-survey-rate-limit.guard.js';
import { SurveysService } from './surveys.service.js';

@ApiTags('surveys')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a survey',
    description:
      'Facilitators and admins. Starts as draft, version 1; questions are checked as a form (keys, choices, rules over earlier answers with allowed operators only).',
  })
  @ApiCreatedResponse({ type: SurveyViewDto })
  @ApiProblems(400, 403, 413)
  createSurvey(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateSurveyDto,
  ): Promise<SurveyViewDto> {
    return this.surveys.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List surveys',
    description: 'Newest first, in pages; drafts only for facilitators and admins.',
  })
  @ApiOkResponse({ type: SurveyPageDto })
  @ApiProblems(400)
  listSurveys(
    @CurrentUser() viewer: AuthUser,
    @Query() query: SurveysQueryDto,
  ): Promise<SurveyPageDto> {
    return this.surveys.list(viewer, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One survey',
    description: "With the current version's questions (retired ones included) in every language.",
  })
  @ApiOkResponse({ type: SurveyViewDto })
  @ApiProblems(400, 404)
  getSurvey(@CurrentUser() viewer: AuthUser, @UuidParam('id') id: string): Promise<SurveyViewDto> {
    return this.surveys.get(viewer, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit a survey',
    description:
      'Facilitators and admins, only while the survey is draft: any other status answers 409 (questions then change through POST /surveys/:id/versions, and the survey opens and closes through transitions).',
  })
  @ApiOkResponse({ type: SurveyViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  updateSurvey(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateSurveyDto,
  ): Promise<SurveyViewDto> {
    return this.surveys.update(actor, id, body);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Open, close, reopen or archive a survey',
    description:
      'Facilitators and admins: draft → open → closed → archived; closed → open reopens; a draft may be archived. Anything else is 409.',
  })
  @ApiOkResponse({ type: SurveyViewDto })
  @ApiProblems(400, 403, 404, 409)
  transitionSurvey(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: SurveyTransitionDto,
  ): Promise<SurveyViewDto> {
    return this.surveys.transition(actor, id, body);
  }

  @Post(':id/versions')
  @ApiOperation({
    summary: 'A new version of the questions',
    description:
      'Facilitators and admins. A key keeps its type and its choice codes (else 409); labels may change, choices and questions be added; a question left out (or marked retired) is kept as retired. Submissions stay tied to their version.',
  })
  @ApiCreatedResponse({ type: SurveyViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  createSurveyVersion(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CreateSurveyVersionDto,
  ): Promise<SurveyViewDto> {
    return this.surveys.addVersion(actor, id, body);
  }

  @Put(':id/submissions/:submissionId')
  @ApiOperation({
    summary: 'Store a submission under the id the client made',
    description:
      '201 the first time; the same id and content again: 200 with the same body, nothing stored; the same id with other content: 409. Online: any signed-in member, once per survey; paper and in_person: members of an organisation (enumerators), facilitators, admins. Answers are checked against the version the form was loaded on (any version of the survey); answers.<key> field errors. Anonymous surveys store no user id.',
  })
  @ApiCreatedResponse({ type: SubmissionViewDto, description: 'Stored' })
  @ApiOkResponse({ type: SubmissionViewDto, description: 'Already stored with this content' })
  @ApiProblems(400, 403, 404, 409, 413)
  async submitSurvey(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('submissionId') submissionId: string,
    @Body() body: SubmitSurveyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubmissionViewDto> {
    const outcome = await this.surveys.submit(actor, id, submissionId.toLowerCase(), body);
    res.status(outcome.created ? 201 : 200);
    return outcome.view;
  }

  @Post(':id/submissions/reconcile')
  @HttpCode(200)
  @SkipIdempotency('reads only: a replayed answer would report a stale state of the outbox')
  @ApiOperation({
    summary: "Which of a phone's submission ids the hub has",
    description:
      'For an enumerator’s outbox: received ones may be dropped, missing ones sent again.',
  })
  @ApiOkResponse({ type: ReconcileResultDto })
  @ApiProblems(400, 404)
  reconcileSubmissions(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: ReconcileDto,
  ): Promise<ReconcileResultDto> {
    return this.surveys.reconcile(actor, id, body);
  }

  @Get(':id/submissions')
  @ApiOperation({
    summary: 'Raw submissions',
    description:
      'Oldest first, in pages. Facilitators and admins see all; anyone else only the ones they entered. Anonymous surveys carry no user id.',
  })
  @ApiOkResponse({ type: SubmissionPageDto })
  @ApiProblems(400, 404)
  listSurveySubmissions(
    @CurrentUser() viewer: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<SubmissionPageDto> {
    return this.surveys.listSubmissions(viewer, id, query);
  }

  @Post(':id/links')
  @ApiOperation({
    summary: 'A public link for residents without an account',
    description:
      'Facilitators and admins. The token is shown only in this answer; the form is at /s/<token> and submits through PUT /public/surveys/<token>/submissions/<id>.',
  })
  @ApiCreatedResponse({ type: SurveyLinkViewDto })
  @ApiProblems(400, 403, 404, 409)
  createSurveyLink(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CreateSurveyLinkDto,
  ): Promise<SurveyLinkViewDto> {
    return this.surveys.createLink(actor, id, body);
  }

  @Get(':id/links')
  @ApiOperation({
    summary: "A survey's public links",
    description:
      'Facilitators and admins; newest first, in pages, with their response counts. Tokens are not kept, so not shown.',
  })
  @ApiOkResponse({ type: SurveyLinkPageDto })
  @ApiProblems(400, 403, 404)
  listSurveyLinks(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<SurveyLinkPageDto> {
    return this.surveys.listLinks(actor, id, query);
  }
}

@ApiTags('surveys')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('submissions')
export class SubmissionsController {
  constructor(private readonly surveys: SurveysService) {}

  @Patch(':id')
  @ApiOperation({
    summary: "Correct a submission's answers",
    description:
      'The enumerator who entered it, facilitators and admins (anyone else: 404); the whole set of answers, re-checked against its version; the previous answers are kept as a revision with the reason.',
  })
  @ApiOkResponse({ type: SubmissionViewDto })
  @ApiProblems(400, 404, 409, 413)
  reviseSubmission(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: ReviseSubmissionDto,
  ): Promise<SubmissionViewDto> {
    return this.surveys.revise(actor, id, body);
  }
}

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** The public-link form: no account, rate limited per address. */
@ApiTags('surveys')
@Public()
@UseGuards(PublicSurveyRateLimitGuard)
@Controller('public/surveys')
export class PublicSurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get(':token')
  @ApiOperation({
    summary: 'The form behind a public link',
    description:
      'No account needed. The current version with the territories a resident picks a village from. Unknown link: 404; expired: 409.',
  })
  @ApiParam({ name: 'token', schema: { type: 'string', pattern: TOKEN.source } })
  @ApiOkResponse({ type: PublicSurveyViewDto })
  @ApiProblems(404, 409, 429)
  getPublicSurvey(@Param('token') token: string): Promise<PublicSurveyViewDto> {
    return this.surveys.publicSurvey(checkedToken(token));
  }

  @Put(':token/submissions/:submissionId')
  @ApiOperation({
    summary: 'Submit through a public link',
    description:
      'No account needed; rate limited per address (KENESH_PUBLIC_SURVEY_RATE_PER_MINUTE). Idempotent like the signed-in PUT. A link past its maxResponses or its expiry refuses with 409; no user id is stored.',
  })
  @ApiParam({ name: 'token', schema: { type: 'string', pattern: TOKEN.source } })
  @ApiCreatedResponse({ type: SubmissionViewDto, description: 'Stored' })
  @ApiOkResponse({ type: SubmissionViewDto, description: 'Already stored with this content' })
  @ApiProblems(400, 404, 409, 413, 429)
  async submitPublicSurvey(
    @Param('token') token: string,
    @UuidParam('submissionId') submissionId: string,
    @Body() body: PublicSubmitSurveyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubmissionViewDto> {
    const outcome = await this.surveys.submitPublic(
      checkedToken(token),
      submissionId.toLowerCase(),
      body,
    );
    res.status(outcome.created ? 201 : 200);
    return outcome.view;
  }
}

function checkedToken(token: string): string {
  if (!TOKEN.test(token)) throw AppError.notFound('surveyLink');
  return token;
}
