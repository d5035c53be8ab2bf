import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import type {
  AttachmentParentPolicy,
  AttachmentParentRef,
  AttachmentParentType,
  AttachmentView,
} from './attachment-parents.js';
import { Attachment } from './attachment.entity.js';
import { FileUrls } from './file-urls.js';

const FIELD = 'attachmentIds';

/**
 * The attachments core that parent modules (issues, comments, escalations, rooms, and later
 * surveys, events, reports) build on: they register a policy for their type, claim files
 * inside their own transaction and ask for the views of their items' files in one query.
 * Files are their uploader's until attached once, then exactly as visible as their parent.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);
  private readonly policies = new Map<AttachmentParentType, AttachmentParentPolicy>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly urls: FileUrls,
  ) {}

  /** Called once per type from the parent module's `onModuleInit`. */
  registerParent(type: AttachmentParentType, policy: AttachmentParentPolicy): void {
    if (this.policies.has(type)) throw new Error(`attachment parent ${type} registered twice`);
    this.policies.set(type, policy);
  }

  /** The registered policies, for the sweep (which asks each which parents were deleted). */
  registeredPolicies(): ReadonlyMap<AttachmentParentType, AttachmentParentPolicy> {
    return this.policies;
  }

  /**
   * Attaches the caller's files to `parent`, in the parent's transaction, in the given order.
   * Each id must be the uploader's own and unattached, or already attached to this same parent
   * (a replayed post: nothing changes, the same answer). Anything else is 400 naming
   * `attachmentIds`. At most `KENESH_ATTACHMENTS_PER_ITEM` per parent.
   */
  async claim(
    manager: EntityManager,
    uploaderId: string,
    attachmentIds: string[],
    parent: AttachmentParentRef,
  ): Promise<AttachmentView[]> {
    if (!attachmentIds.length) return [];
    const max = this.config.attachmentsPerItem;
    if (new Set(attachmentIds).size !== attachmentIds.length)
      throw AppError.validation([AppError.field(FIELD, 'attachments.duplicate')]);
    if (attachmentIds.length > max)
      throw AppError.validation([AppError.field(FIELD, 'attachments.tooMany', { max })]);
    const rows = await manager
      .createQueryBuilder(Attachment, 'a')
      .setLock('pessimistic_write')
      .where('a.id IN (:...ids)', { ids: attachmentIds })
      .getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const isHere = (row: Attachment) =>
      row.parentType === parent.type && row.parentId === parent.id;
    const claimable = attachmentIds.every((id) => {
      const row = byId.get(id);
      if (!row) return false;
      if (isHere(row)) return true;
      return (
        row.parentId === null &&
        row.uploaderId === uploaderId &&
        row.hiddenAt === null &&
        row.parentDeletedAt === null
      );
    });
    if (!claimable) throw AppError.validation([AppError.field(FIELD, 'attachments.notClaimable')]);
    const fresh = attachmentIds.filter((id) => !isHere(byId.get(id)!));
    if (fresh.length) {
      // Serialises claims on one parent (two requests adding files at once): the count and
      // the next position are read under the parent's advisory lock.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `attachments:${parent.type}:${parent.id}`,
      ]);
      const [{ count, next }] = await manager.query<{ count: number; next: number }[]>(
        `SELECT count(*)::int AS count, coalesce(max("position") + 1, 0)::int AS next
           FROM "attachments" WHERE "parent_type" = $1 AND "parent_id" = $2`,
        [parent.type, parent.id],
      );
      if (count + fresh.length > max)
        throw AppError.validation([AppError.field(FIELD, 'attachments.tooMany', { max })]);
      await manager.query(
        `UPDATE "attachments" AS a
            SET "parent_type" = $1, "parent_id" = $2, "attached_at" = now(),
                "position" = $3 + t.ord - 1
           FROM unnest($4::uuid[]) WITH ORDINALITY AS t(id, ord)
          WHERE a."id" = t.id`,
        [parent.type, parent.id, next, fresh],
      );
      for (const [index, id] of fresh.entries()) {
        const row = byId.get(id)!;
        Object.assign(row, {
          parentType: parent.type,
          parentId: parent.id,
          position: next + index,
          attachedAt: new Date(),
        });
      }
      this.logger.log({
        event: 'attachments_claimed',
        parentType: parent.type,
        parentId: parent.id,
        count: fresh.length,
      });
    }
    return attachmentIds.map((id) => this.toView(byId.get(id)!));
  }

  /**
   * The visible files (not hidden, parent neither hidden nor deleted) of each parent, in the
   * order they were attached, with fresh signed URLs: one query for all ids. Every id asked
   * for has an entry (empty when it has no files).
   */
  async viewsFor(
    type: AttachmentParentType,
    parentIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, AttachmentView[]>> {
    const result = new Map<string, AttachmentView[]>(parentIds.map((id) => [id, []]));
    if (!parentIds.length) return result;
    const rows = await manager
      .createQueryBuilder(Attachment, 'a')
      .where('a.parentType = :type', { type })
      .andWhere('a.parentId IN (:...ids)', { ids: [...new Set(parentIds)] })
      .andWhere('a.hiddenAt IS NULL')
      .andWhere('a.parentHidden = false')
      .andWhere('a.parentDeletedAt IS NULL')
      .orderBy('a.parentId')
      .addOrderBy('a.position')
      .getMany();
    for (const row of rows) result.get(row.parentId!)?.push(this.toView(row));
    return result;
  }

  /**
   * One file for `viewer`: 404 unless it is the viewer's own unattached file, or attached to
   * an item the parent's policy lets the viewer see (and neither it nor its item is hidden or
   * deleted). The same answer for "does not exist" and "not yours": nothing is revealed.
   */
  async viewFor(viewer: AuthUser, id: string): Promise<AttachmentView> {
    const row = await this.dataSource.manager.findOneBy(Attachment, { id });
    if (!row || !(await this.canView(viewer, row))) throw notFound();
    return this.toView(row);
  }

  /** Moderation: hides one file (its parent stays). The caller records the audit entry. */
  async hide(
    manager: EntityManager,
    attachmentId: string,
    actor: AuthUser,
    reason: string,
  ): Promise<AttachmentView> {
    const rows = await manager.query<[unknown[], number]>(
      `UPDATE "attachments" SET "hidden_at" = coalesce("hidden_at", now()), "hidden_by" = $2,
              "hidden_reason" = $3
        WHERE "id" = $1 RETURNING "id"`,
      [attachmentId, actor.id, reason],
    );
    if (!rows[1]) throw notFound();
    const row = await manager.findOneByOrFail(Attachment, { id: attachmentId });
    return this.toView(row);
  }

  /** Moderation: shows a hidden file again. */
  async unhide(manager: EntityManager, attachmentId: string): Promise<AttachmentView> {
    await manager.query(
      `UPDATE "attachments" SET "hidden_at" = NULL, "hidden_by" = NULL, "hidden_reason" = NULL
        WHERE "id" = $1`,
      [attachmentId],
    );
    const row = await manager.findOneBy(Attachment, { id: attachmentId });
    if (!row) throw notFound();
    return this.toView(row);
  }

  /**
   * A parent hidden (or shown again) by moderation: its files follow, also through their
   * signed URLs (which have no viewer to ask the policy about). Call it in the same
   * transaction that hides the parent.
   */
  async setParentHidden(
    manager: EntityManager,
    parent: AttachmentParentRef,
    hidden: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE "attachments" SET "parent_hidden" = $3 WHERE "parent_type" = $1 AND "parent_id" = $2`,
      [parent.type, parent.id, hidden],
    );
  }

  /**
   * A parent deleted: its files stop being served at once and are removed from storage by
   * the sweep after `KENESH_ATTACHMENT_GRACE_DAYS`. (The sweep also asks each policy's
   * `deleted()`, so a parent that forgets this call is caught there.)
   */
  async markParentDeleted(manager: EntityManager, parent: AttachmentParentRef): Promise<void> {
    await manager.query(
      `UPDATE "attachments" SET "parent_deleted_at" = now()
        WHERE "parent_type" = $1 AND "parent_id" = $2 AND "parent_deleted_at" IS NULL`,
      [parent.type, parent.id],
    );
  }

  /** The API's shape of one row, with signed URLs valid for the current slot. */
  toView(row: Attachment): AttachmentView {
    const urls: AttachmentView['urls'] = { original: this.urls.sign(row.id, 'original') };
    if (row.displayBlobId) urls.display = this.urls.sign(row.id, 'display');
    if (row.thumbnailBlobId) urls.thumbnail = this.urls.sign(row.id, 'thumbnail');
    return {
      id: row.id,
      kind: row.kind,
      mimeType: row.mimeType,
      size: row.size,
      sha256: row.sha256,
      caption: row.caption,
      ...(row.width !== null ? { width: row.width } : {}),
      ...(row.height !== null ? { height: row.height } : {}),
      ...(row.durationSeconds !== null ? { durationSeconds: row.durationSeconds } : {}),
      urls,
    };
  }

  private async canView(viewer: AuthUser, row: Attachment): Promise<boolean> {
    if (row.hiddenAt || row.parentHidden || row.parentDeletedAt) return false;
    if (row.parentType === null || row.parentId === null) return row.uploaderId === viewer.id;
    const policy = this.policies.get(row.parentType);
    if (!policy) return false;
    return policy.canView(viewer, row.parentId);
  }
}

export function notFound(): AppError {
  return new AppError('not_found', 'attachments.notFound');
}
