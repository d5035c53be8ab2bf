import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { BallotsService } from './ballots.service.js';
import {
  BallotPageDto,
  BallotResultsDto,
  BallotsQueryDto,
  BallotViewDto,
  CastVoteDto,
  CreateBallotDto,
  OutcomeDto,
  VoteViewDto,
} from './dto/ballot.dto.js';

@ApiTags('ballots')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('ballots')
export class BallotsController {
  constructor(private readonly ballots: BallotsService) {}

  @Post()
  @ApiOperation({
    summary: 'Open a priority ballot',
    description:
      'Approval, ranked or dot, among 2 or more raised or discussing issues. The roll is frozen now: every organisation with networkStatus member, except state administrations and government bodies, one voice each. Facilitators and admins; audited.',
  })
  @ApiCreatedResponse({ type: BallotViewDto })
  @ApiProblems(400, 403, 409, 413)
  openBallot(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateBallotDto,
  ): Promise<BallotViewDto> {
    return this.ballots.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List ballots',
    description: 'Newest first, in pages; filters by status and by an issue on them.',
  })
  @ApiOkResponse({ type: BallotPageDto })
  @ApiProblems(400)
  listBallots(
    @CurrentUser() actor: AuthUser,
    @Query() query: BallotsQueryDto,
  ): Promise<BallotPageDto> {
    return this.ballots.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One ballot',
    description:
      'Its issues, how many organisations are on the roll and how many have voted (no tallies before it closes), and the organisations the caller represents with their votes.',
  })
  @ApiOkResponse({ type: BallotViewDto })
  @ApiProblems(400, 404)
  getBallot(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<BallotViewDto> {
    return this.ballots.get(actor, id);
  }

  @Put(':id/votes/:organisationId')
  @ApiOperation({
    summary: "Cast or change an organisation's vote",
    description:
      'A representative of an organisation on the roll, until the ballot closes; replaces the vote before (every version kept). A facilitator or admin enters a paper ballot with a note (audited). Sending the same vote again changes nothing.',
  })
  @ApiOkResponse({ type: VoteViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  castVote(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('organisationId') organisationId: string,
    @Body() body: CastVoteDto,
  ): Promise<VoteViewDto> {
    return this.ballots.vote(actor, id, organisationId, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a ballot',
    description: 'Before its closesAt; once (409 after). Facilitators and admins; audited.',
  })
  @ApiOkResponse({ type: BallotViewDto })
  @ApiProblems(400, 403, 404, 409)
  closeBallot(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<BallotViewDto> {
    return this.ballots.close(actor, id);
  }

  @Get(':id/results')
  @ApiOperation({
    summary: "A closed ballot's results",
    description:
      'Score and rank per issue (approvals; ranked points n − rank + 1; dots), turnout, and the same by organisation kind and by aiyl aimak as frozen on the roll. Before it closes: 409.',
  })
  @ApiOkResponse({ type: BallotResultsDto })
  @ApiProblems(400, 404, 409)
  getBallotResults(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<BallotResultsDto> {
    return this.ballots.results(actor, id);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @ApiOperation({
    summary: "Record a ballot's outcome",
    description:
      'The issues the network chose and a statement; each moves to prioritised through the workflow (a raised one through discussing), all or none: an issue the workflow will not move is a 409 naming it. After the close, once. Facilitators and admins; audited.',
  })
  @ApiOkResponse({ type: BallotViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  recordBallotOutcome(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: OutcomeDto,
  ): Promise<BallotViewDto> {
    return this.ballots.outcome(actor, id, body);
  }
}
