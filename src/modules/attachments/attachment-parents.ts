import type { AuthUser } from '../../common/auth/auth-user.js';

/**
 * The items a file can be attached to. Surveys, events and reports (the next issues) add
 * their own type here and register a policy; nothing else in the attachments module changes.
 */
export const ATTACHMENT_PARENT_TYPES = ['issue', 'comment', 'escalation', 'message'] as const;
export type AttachmentParentType = (typeof ATTACHMENT_PARENT_TYPES)[number];

export interface AttachmentParentRef {
  type: AttachmentParentType;
  id: string;
}

export const ATTACHMENT_KINDS = ['image', 'document', 'audio'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** An attachment as the API answers it (`POST /attachments`, `GET /attachments/:id`, a parent's `attachments`). */
export interface AttachmentView {
  id: string;
  kind: AttachmentKind;
  mimeType: string;
  size: number;
  sha256: string;
  caption: string | null;
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** Signed, short-lived; usable without a token (`<img>`, `<audio>`). */
  urls: { original: string; display?: string; thumbnail?: string };
}

/**
 * What a parent module tells the attachments module about its items. Registered once per
 * type (`AttachmentsService.registerParent`) from the parent module's `onModuleInit`.
 */
export interface AttachmentParentPolicy {
  /**
   * May `viewer` see this item and so its files? False when the item is hidden from the
   * viewer (a hidden message's files are hidden with it) or gone.
   */
  canView(viewer: AuthUser, parentId: string): Promise<boolean>;
  /**
   * Of these ids, the ones whose item was deleted (or no longer exists): their files are
   * removed from storage after the grace period by the sweep job.
   */
  deleted(parentIds: string[]): Promise<Set<string>>;
}
