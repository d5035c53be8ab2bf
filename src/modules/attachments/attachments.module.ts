import { Global, Module } from '@nestjs/common';
import { AttachmentsService } from './attachments.service.js';
import { FileUrls } from './file-urls.js';

/**
 * Attachments: tus uploads, files stored in PostgreSQL, signed downloads. Global, so that
 * every parent module (issues, comments, escalations, rooms, …) can inject
 * `AttachmentsService` and register its policy without an import cycle.
 */
@Global()
@Module({
  providers: [AttachmentsService, FileUrls],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
