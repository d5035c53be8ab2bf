import type { AttachmentView } from '../attachments/attachment-parents.js';
import type { MessageViewDto } from './dto/room.dto.js';
import type { Message } from './message.entity.js';

/**
 * Hidden messages keep their body for moderators only. Their files are withheld from everyone
 * while hidden: their signed URLs (which know no viewer) stop working with the message.
 */
export function toMessageView(
  m: Message,
  moderator: boolean,
  attachments: AttachmentView[] = [],
): MessageViewDto {
  const hidden = m.hiddenAt !== null;
  return {
    id: m.id,
    roomId: m.roomId,
    seq: m.seq,
    clientMsgId: m.clientMsgId,
    authorId: m.authorId,
    body: hidden && !moderator ? '' : m.body,
    replyToSeq: m.replyToSeq,
    createdAt: m.createdAt.toISOString(),
    hidden,
    attachments: hidden ? [] : attachments,
  };
}
