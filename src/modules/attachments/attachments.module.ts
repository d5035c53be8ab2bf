import { Global, Module } from '@nestjs/common';
import { AttachmentIntakeService } from './attachment-intake.service.js';
import { AttachmentsController } from './attachments.controller.js';
import { AttachmentsService } from './attachments.service.js';
import { AttachmentsSweep } from './attachments-sweep.js';
import { BlobStore } from './blob-store.js';
import { FileDelivery } from './file-delivery.service.js';
import { FilesController } from './files.controller.js';
import { FileUrls } from './file-urls.js';
import { UploadLimits } from './upload-limits.js';
import { UploadsController } from './uploads.controller.js';

/**
 * Attachments: tus uploads, files stored in PostgreSQL, signed downloads. Global, so that
 * every parent module (issues, comments, escalations, rooms, …) can inject
 * `AttachmentsService` and register its policy without an import cycle.
 */
@Global()
@Module({
  controllers: [UploadsController, AttachmentsController, FilesController],
  providers: [
    AttachmentsService,
    AttachmentIntakeService,
    BlobStore,
    FileDelivery,
    FileUrls,
    UploadLimits,
    AttachmentsSweep,
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
