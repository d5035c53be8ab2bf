import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/decorators/public.decorator.js';
import { AppError } from '../../common/errors/app-error.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { FileQueryDto } from './dto/file-query.dto.js';
import { FileDelivery } from './file-delivery.service.js';
import { FILE_VARIANTS, type FileVariant } from './file-urls.js';

/**
 * Signed downloads: no token (an `<img>` or `<audio>` cannot send one); the signature in the
 * URL, issued to someone allowed to see the file, is the authorisation, for a few minutes.
 */
@ApiTags('attachments')
@Controller('files')
export class FilesController {
  constructor(private readonly delivery: FileDelivery) {}

  @Get(':id/:variant')
  @Public()
  @ApiOperation({
    summary: 'Download a file by its signed URL',
    description:
      "The URLs come from an attachment's `urls`; no Authorization header. One `Range` (206, 416). A bad or expired signature: 403; a hidden or deleted file or item: 404.",
  })
  @ApiParam({ name: 'variant', enum: FILE_VARIANTS })
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 200, description: 'The bytes' })
  @ApiResponse({ status: 206, description: 'A range of the bytes' })
  @ApiResponse({ status: 304, description: 'Not modified (ETag)' })
  @ApiProblems(400, 403, 404, 416)
  async downloadFile(
    @UuidParam('id') id: string,
    @Param('variant') variant: string,
    @Query() query: FileQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!(FILE_VARIANTS as readonly string[]).includes(variant))
      throw new AppError('not_found', 'attachments.notFound');
    await this.delivery.send(id, variant as FileVariant, query, req, res);
  }
}
