import { Body, Controller, Get, Post } from '@nestjs/common';
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
import { AttachmentIntakeService } from './attachment-intake.service.js';
import { AttachmentsService } from './attachments.service.js';
import { AttachmentViewDto, CreateAttachmentDto } from './dto/attachment.dto.js';

@ApiTags('attachments')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('attachments')
export class AttachmentsController {
  constructor(
    private readonly intake: AttachmentIntakeService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Turn a finished upload into an attachment',
    description:
      "The type is read from the bytes (photos JPEG/PNG/WebP, PDF, voice notes Opus in WebM or Ogg, AAC in MP4); anything else is 400. Photos are re-encoded without metadata, with a display and a thumbnail version. The same uploadId again answers the same attachment. It is the caller's alone until attached to an item (attachmentIds).",
  })
  @ApiCreatedResponse({ type: AttachmentViewDto })
  @ApiProblems(400, 413)
  createAttachment(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateAttachmentDto,
  ): Promise<AttachmentViewDto> {
    return this.intake.create(user, body);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One attachment',
    description:
      "With fresh signed URLs. 404 for whoever may not see its item, and for an unattached file that is not the caller's.",
  })
  @ApiOkResponse({ type: AttachmentViewDto })
  @ApiProblems(400, 404)
  getAttachment(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<AttachmentViewDto> {
    return this.attachments.viewFor(user, id);
  }
}
