// An attachment as the hub answers it (POST /attachments, GET /attachments/:id, a parent's
// `attachments`), from the generated client's types. Signed URLs work without a token for a few
// minutes.

import type { Schemas } from '../api/client.js';

export type AttachmentView = Schemas['AttachmentViewDto'];
export type AttachmentKind = AttachmentView['kind'];

/** The attachments a parent (issue, comment, escalation, message) carries, if any. */
export function attachmentsOf(parent: unknown): AttachmentView[] {
  const list = (parent as { attachments?: AttachmentView[] } | null)?.attachments;
  return Array.isArray(list) ? list : [];
}

/** What the file inputs take: what the hub keeps. */
export const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,audio/*';
/** At most this many files on one item (the hub's KENESH_ATTACHMENTS_PER_ITEM default). */
export const MAX_FILES = 10;
