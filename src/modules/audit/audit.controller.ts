import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/decorators/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { AuditPageDto, AuditQueryDto } from './audit.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('moderation')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: 'The audit log',
    description:
      'The append-only log of moderation and governance actions, newest first, in pages (facilitators, admins).',
  })
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400)
  listAuditLog(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
