import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { Roles } from '../../common/decorators/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import {
  CreateReportDto,
  ReportAcceptedDto,
  ReportPageDto,
  ReportsQueryDto,
  ReportViewDto,
} from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @HttpCode(202)
  @Roles('facilitator', 'admin')
  @ApiOperation({
    summary: 'Build a district report pack',
    description:
      'Facilitators and admins. Stores the request (status pending) and builds it in the background: a frozen snapshot of the register for the district (and every territory under it) and the period [from, to), hashed with SHA-256, then a PDF in Kyrgyz or Russian and an XLSX built from it. Poll GET /reports/:id for the status and progress.',
  })
  @ApiAcceptedResponse({ type: ReportAcceptedDto })
  @ApiProblems(400, 403, 413)
  requestReport(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateReportDto,
  ): Promise<ReportAcceptedDto> {
    return this.reports.create(actor, body);
  }

  @Get()
  @Roles('facilitator', 'admin')
  @ApiOperation({
    summary: 'List report packs (extension)',
    description: 'Facilitators and admins; newest first, in pages; filters by district and status.',
  })
  @ApiOkResponse({ type: ReportPageDto })
  @ApiProblems(400, 403)
  listReports(@Query() query: ReportsQueryDto): Promise<ReportPageDto> {
    return this.reports.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One report pack',
    description:
      "Status (pending, building, ready, failed with a reason), progress (step i of n, its name, percent), the snapshot hash and the files' sizes. Facilitators and admins; others 404.",
  })
  @ApiOkResponse({ type: ReportViewDto })
  @ApiProblems(400, 404)
  getReport(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<ReportViewDto> {
    return this.reports.get(actor, id);
  }

  @Get(':id/pdf')
  @ApiOperation({
    summary: "The report pack's PDF",
    description:
      'As an attachment; 409 until the report is ready. Facilitators and admins; others 404.',
  })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, description: 'The PDF, as an attachment' })
  @ApiProblems(400, 404, 409)
  async getReportPdf(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.reports.sendFile(actor, id, 'pdf', res);
  }

  @Get(':id/xlsx')
  @ApiOperation({
    summary: "The report pack's workbook",
    description:
      'One sheet per section and a snapshot sheet with the hash; as an attachment; 409 until the report is ready. Facilitators and admins; others 404.',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiResponse({ status: 200, description: 'The XLSX, as an attachment' })
  @ApiProblems(400, 404, 409)
  async getReportXlsx(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.reports.sendFile(actor, id, 'xlsx', res);
  }

  @Get(':id/snapshot')
  @ApiOperation({
    summary: "The report pack's frozen snapshot (extension)",
    description:
      'The canonical JSON (keys sorted, no spaces) that was hashed: its SHA-256 equals snapshotHash and the hash printed in the PDF. 409 until the report is ready. Facilitators and admins; others 404.',
  })
  @ApiProduces('application/json')
  @ApiResponse({ status: 200, description: 'The canonical JSON of the snapshot' })
  @ApiProblems(400, 404, 409)
  async getReportSnapshot(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.reports.sendSnapshot(actor, id, res);
  }
}
