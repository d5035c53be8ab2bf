import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsUUID } from 'class-validator';

/**
 * The most attachments one item may carry as far as validation goes; the attachments module
 * holds each item to `KENESH_ATTACHMENTS_PER_ITEM` (default 10) too.
 */
export const MAX_ATTACHMENT_IDS = 10;

/**
 * `attachmentIds?: string[]` on an item that can carry files (issue, comment, escalation
 * answer, message): ids from `POST /attachments`, the caller's own and not yet attached,
 * in the order to show them. Claimed in the item's own transaction.
 */
export function AttachmentIdsField(description?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: [String],
      format: 'uuid',
      maxItems: MAX_ATTACHMENT_IDS,
      uniqueItems: true,
      description:
        description ??
        'Files to attach (ids from POST /attachments): the caller’s own, not attached to anything yet, in the order to show them',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_ATTACHMENT_IDS),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );
}
