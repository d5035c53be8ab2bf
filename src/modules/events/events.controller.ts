import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import {
  AttendancePageDto,
  AttendanceResultDto,
  EventRegistrantPageDto,
  CloseEventDto,
  CreateEventDto,
  EventPageDto,
  EventsQueryDto,
  EventStatsDto,
  EventViewDto,
  RecordAttendanceDto,
  RegistrationViewDto,
  TalliesDto,
  TalliesViewDto,
  UpdateEventDto,
} from './dto/event.dto.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @ApiOperation({
    summary: 'Plan an event',
    description:
      'A training, round table, focus group (with its group: women, youth, or mixed when left out), network meeting or presentation, status planned. Facilitators and admins; representatives of a network-member organisation, for it.',
  })
  @ApiCreatedResponse({ type: EventViewDto })
  @ApiProblems(400, 403, 413)
  createEvent(@CurrentUser() actor: AuthUser, @Body() body: CreateEventDto): Promise<EventViewDto> {
    return this.events.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List events',
    description:
      'Earliest start first, in pages; filters by kind, territory (with the territories below it), start from/to, status, organiser and issue.',
  })
  @ApiOkResponse({ type: EventPageDto })
  @ApiProblems(400)
  listEvents(
    @CurrentUser() actor: AuthUser,
    @Query() query: EventsQueryDto,
  ): Promise<EventPageDto> {
    return this.events.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One event',
    description:
      "With its registration counts, the caller's registration, tallies, minutes, findings and commitments.",
  })
  @ApiOkResponse({ type: EventViewDto })
  @ApiProblems(400, 404)
  getEvent(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<EventViewDto> {
    return this.events.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit an event',
    description:
      "The organiser (its creator, the organising organisation's representatives), facilitators and admins; staff editing another's event are audited. Raising the capacity promotes the waitlist.",
  })
  @ApiOkResponse({ type: EventViewDto })
  @ApiProblems(400, 403, 404, 413)
  updateEvent(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateEventDto,
  ): Promise<EventViewDto> {
    return this.events.update(actor, id, body);
  }

  @Post(':id/registrations')
  @ApiOperation({
    summary: 'Register for an event',
    description:
      'The caller takes a place; past the capacity, a place in the waitlist. 201 the first time; 200 with the registration as it is when the caller is registered already. A held event, or a focus group (counted without names): 409.',
  })
  @ApiCreatedResponse({ type: RegistrationViewDto })
  @ApiOkResponse({ type: RegistrationViewDto })
  @ApiProblems(400, 404, 409)
  async registerForEvent(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RegistrationViewDto> {
    const { created, view } = await this.events.register(actor, id);
    res.status(created ? 201 : 200);
    return view;
  }

  @Get(':id/registrations')
  @ApiOperation({
    summary: "Who registered (the organiser's view)",
    description:
      'An extension (issue 13): registered first, then the waitlist in its order, with names. The organiser, facilitators and admins; anyone else 403.',
  })
  @ApiOkResponse({ type: EventRegistrantPageDto })
  @ApiProblems(400, 403, 404)
  listEventRegistrations(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<EventRegistrantPageDto> {
    return this.events.registrations(actor, id, query);
  }

  @Get(':id/attendance')
  @ApiOperation({
    summary: "The sign-in sheet's stored lines",
    description:
      'An extension (issue 13): the lines in the order stored, with their clientRowId, so a phone can reconcile what it typed. The organiser, facilitators and admins; anyone else 403.',
  })
  @ApiOkResponse({ type: AttendancePageDto })
  @ApiProblems(400, 403, 404)
  listEventAttendance(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<AttendancePageDto> {
    return this.events.attendance(actor, id, query);
  }

  @Delete(':id/registrations/me')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Give up my place',
    description: 'The first person in the waitlist takes it.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  async unregisterFromEvent(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<void> {
    await this.events.unregister(actor, id);
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record lines of the sign-in sheet',
    description:
      'One row per person (userId or name, gender, age band, role). A row whose clientRowId is stored already, or whose userId is on the sheet already, is not stored again. A focus group takes no lines (it is counted without names, through tallies): each line is refused with a field error. The organiser, facilitators and admins.',
  })
  @ApiOkResponse({ type: AttendanceResultDto })
  @ApiProblems(400, 403, 404, 413)
  recordEventAttendance(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: RecordAttendanceDto,
  ): Promise<AttendanceResultDto> {
    return this.events.recordAttendance(actor, id, body);
  }

  @Put(':id/tallies')
  @ApiOperation({
    summary: 'Set the counts without names',
    description:
      'Participants by gender × age band (focus groups); replaces every count. The organiser, facilitators and admins.',
  })
  @ApiOkResponse({ type: TalliesViewDto })
  @ApiProblems(400, 403, 404, 413)
  putEventTallies(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: TalliesDto,
  ): Promise<TalliesViewDto> {
    return this.events.putTallies(actor, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close an event with its minutes',
    description:
      'Minutes, findings and commitments (owner organisation, due date); status becomes held, once (409 after). The waitlist is cleared.',
  })
  @ApiOkResponse({ type: EventViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  closeEvent(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CloseEventDto,
  ): Promise<EventViewDto> {
    return this.events.close(actor, id, body);
  }

  @Get(':id/stats')
  @ApiOperation({
    summary: "An event's attendance statistics",
    description:
      'By gender × age band × organisation kind, with margins; cells from 1 to minCellSize − 1 and their complements are suppressed for everyone but the organiser, facilitators and admins.',
  })
  @ApiOkResponse({ type: EventStatsDto })
  @ApiProblems(400, 404)
  getEventStats(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<EventStatsDto> {
    return this.events.stats(actor, id);
  }
}
