import type { AttachmentView } from '../attachments/attachment-parents.js';
import type { MessageViewDto } from './dto/room.dto.js';
import type { Message } from './message.entity.js';

/** Hidden messages keep their body and their files for moderators only. */
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
    attachments: hidden && !moderator ? [] : attachments,
  };
}
