import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { CurrentUser } from '../../../common/decorators/current-user.decorator.js';
import { Roles } from '../../../common/decorators/roles.decorator.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../../common/validation/uuid-param.js';
import {
  SurveyExportQueryDto,
  SurveyResultsDto,
  SurveyResultsQueryDto,
} from './dto/survey-results.dto.js';
import { SurveyExportService } from './survey-export.service.js';
import { SurveyResultsService } from './survey-results.service.js';

/** A survey's results (suppressed cross-tabs) and its raw export. */
@ApiTags('surveys')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('surveys/:id')
export class SurveyResultsController {
  constructor(
    private readonly results: SurveyResultsService,
    private readonly exports: SurveyExportService,
  ) {}

  @Get('results')
  @ApiOperation({
    summary: "A survey's results by group",
    description:
      'Counts and percentages per question and group (gender, ageBand, territory rolled up to territoryLevel, borderStatus, or two of them as a cross-tab), every version together by question key. Cells from 1 to minCellSize - 1 are suppressed (primary), and so are the cells that would let them be worked out from the totals (secondary); a group whose base is under minCellSize is withheld. Any signed-in member for open, closed and archived surveys; drafts: facilitators and admins.',
  })
  @ApiOkResponse({ type: SurveyResultsDto })
  @ApiProblems(400, 404)
  getSurveyResults(
    @CurrentUser() viewer: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: SurveyResultsQueryDto,
  ): Promise<SurveyResultsDto> {
    return this.results.results(viewer, id, query);
  }

  @Get('export')
  @Roles('facilitator', 'admin')
  @ApiOperation({
    summary: "Export a survey's submissions",
    description:
      'One row per submission (no names, no user ids): id, version, mode, dates, gender, age band, territory and border status, then every question of every version, retired ones included (a multi_choice is one 0/1 column per choice). CSV is UTF-8 with a BOM; XLSX has a second sheet, the codebook. Streamed; facilitators and admins.',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiResponse({ status: 200, description: 'The file, as an attachment' })
  @ApiProblems(400, 403, 404)
  async exportSurvey(
    @CurrentUser() viewer: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: SurveyExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    await this.exports.export(viewer, id, query, res);
  }
}
