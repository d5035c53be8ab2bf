import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  type PageQueryDto,
  toPage,
} from '../../common/pagination/pagination.js';
import { runPrepared } from '../../infra/database/prepared.js';
import type { AttachmentView } from '../attachments/attachment-parents.js';
import { AttachmentsService } from '../attachments/attachments.service.js';
import { AuditService } from '../audit/audit.service.js';
import { Issue } from '../issues/issue.entity.js';
import { IssuesService, refreshCounts } from '../issues/issues.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { CommentRevision } from './comment-revision.entity.js';
import { Comment } from './comment.entity.js';
import { contentLanguage } from '../../common/text/content-language.js';
import type {
  CommentRevisionListDto,
  CommentsQueryDto,
  CommentViewDto,
  CreateCommentDto,
} from './dto/comment.dto.js';

interface Extra {
  author_name: string | null;
}

const EXCERPT_LENGTH = 140;

/**
 * Comments on issues. Replies go one level deep. The author edits (every previous body is
 * kept in `comment_revisions`) and deletes (a tombstone stays so replies keep their context;
 * the text moves to `comment_revisions` first, so moderators never lose what was written).
 * Facilitators and admins hide with a reason.
 *
 * Who sees what of a comment:
 * - deleted: everyone sees a tombstone (`body` "", `deleted: true`);
 * - hidden: facilitators and admins see the body and `hiddenReason`; everyone else, the
 *   author included, sees `body` "" and `hidden: true`, so the author's view of the thread
 *   is the one the network has (they keep their text through the revisions route).
 * A comment's files follow it: gone with a deleted comment (and swept from storage after the
 * grace period), withheld while it is hidden (back when it is shown again).
 */
@Injectable()
export class CommentsService implements OnModuleInit {
  private readonly logger = new Logger(CommentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    private readonly issues: IssuesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
  ) {}

  onModuleInit(): void {
    this.attachments.registerParent('comment', {
      canView: async (viewer, commentId) => {
        const rows: { deleted: boolean; hidden: boolean }[] = await this.dataSource.query(
          'SELECT deleted_at IS NOT NULL AS deleted, hidden_at IS NOT NULL AS hidden FROM comments WHERE id = $1',
          [commentId],
        );
        const row = rows[0];
        return !!row && !row.deleted && (!row.hidden || isStaff(viewer));
      },
      deleted: async (commentIds) => {
        if (!commentIds.length) return new Set();
        const live: { id: string }[] = await this.dataSource.query(
          'SELECT id FROM comments WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL',
          [commentIds],
        );
        const kept = new Set(live.map((r) => r.id));
        return new Set(commentIds.filter((id) => !kept.has(id)));
      },
    });
  }

  /** Any signed-in member comments on an issue that is not merged, and starts following it. */
  async create(actor: AuthUser, issueId: string, dto: CreateCommentDto): Promise<CommentViewDto> {
    const body = dto.body ?? '';
    // Text or files: a voice note alone is a comment, an empty comment is not.
    if (!body && !dto.attachmentIds?.length)
      throw AppError.validation([{ field: 'body', key: 'attachments.bodyOrFiles' }]);
    const { comment, issueTitle } = await this.dataSource.transaction(async (manager) => {
      // Locked so a merge cannot slip in between the check and the insert (the follow
      // would otherwise land on an issue whose followers have just moved).
      const issue = await manager.findOne(Issue, {
        where: { id: issueId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!issue) throw AppError.notFound('issue');
      if (issue.status === 'merged')
        throw AppError.conflict('comments.issueMerged', { issueId: String(issue.mergedIntoId) });
      if (dto.parentId) await assertParent(manager, issueId, dto.parentId);
      const comment = await manager.save(
        manager.create(Comment, {
          issueId,
          authorId: actor.id,
          parentId: dto.parentId ?? null,
          body,
          language: dto.language ?? (await contentLanguage(manager, actor.id, body)),
          editedAt: null,
          deletedAt: null,
          hiddenAt: null,
          hiddenById: null,
          hiddenReason: null,
        }),
      );
      await manager.query(
        'INSERT INTO issue_follows (issue_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [issueId, actor.id],
      );
      await manager.update(Issue, { id: issueId }, { lastActivityAt: () => 'now()' });
      await refreshCounts(manager, issueId);
      if (dto.attachmentIds?.length) {
        await this.attachments.claim(manager, actor.id, dto.attachmentIds, {
          type: 'comment',
          id: comment.id,
        });
      }
      return { comment, issueTitle: issue.title };
    });
    this.logger.log({
      event: 'comment_created',
      issueId,
      commentId: comment.id,
      actorId: actor.id,
    });
    await this.notifications.issueEvent({
      kind: 'comment',
      issueId,
      actorId: actor.id,
      payload: { issueTitle, commentId: comment.id, excerpt: excerpt(body) },
      text: body,
    });
    return this.view(actor, comment.id);
  }

  /** Every comment of the issue, replies included, oldest first; merged issues stay readable. */
  async list(
    actor: AuthUser,
    issueId: string,
    query: CommentsQueryDto,
  ): Promise<Page<CommentViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    // A named statement per shape (planned once per connection); the issue is looked up only
    // when the page is empty, to tell an issue without comments from one that does not exist.
    const rows = await runPrepared<CommentRow>(
      this.dataSource,
      `comments_page_${after ? 'after_' : ''}${limit}`,
      `SELECT c.id, c.issue_id, c.author_id, c.parent_id, c.body, c.language, c.edited_at,
              c.deleted_at, c.hidden_at, c.hidden_reason, c.created_at, a.display_name AS author_name
         FROM comments c LEFT JOIN users a ON a.id = c.author_id
        WHERE c.issue_id = $1${after ? ' AND (c.created_at, c.id) > ($2::timestamptz, $3::uuid)' : ''}
        ORDER BY c.created_at, c.id LIMIT ${limit + 1}`,
      after ? [issueId, after[0], after[1]] : [issueId],
    );
    if (!rows.length) await this.issues.findOrFail(issueId);
    const files = await this.attachments.viewsFor(
      'comment',
      rows
        .slice(0, limit)
        .filter((r) => showsFiles(actor, r.deleted_at, r.hidden_at))
        .map((r) => r.id),
    );
    return toPage(
      rows,
      limit,
      (r) => [r.created_at.toISOString(), r.id],
      (r) => toView(actor, toComment(r), r, files.get(r.id) ?? []),
    );
  }

  /** Only the author edits, and never a deleted or hidden comment. */
  async update(actor: AuthUser, id: string, body: string): Promise<CommentViewDto> {
    await this.dataSource.transaction(async (manager) => {
      const comment = await lockComment(manager, id);
      if (comment.authorId !== actor.id) throw AppError.forbidden('comments.onlyAuthorEdits');
      if (comment.deletedAt) throw AppError.conflict('comments.deletedCannotEdit');
      // Editing a hidden comment would change what a moderator judged, behind their back.
      if (comment.hiddenAt) throw AppError.conflict('comments.hiddenCannotEdit');
      if (comment.body === body) return;
      await manager.insert(CommentRevision, { commentId: id, body: comment.body });
      await manager.update(Comment, { id }, { body, editedAt: () => 'now()' });
    });
    return this.view(actor, id);
  }

  /** The previous bodies of a comment: for its author and for staff. */
  async revisions(
    actor: AuthUser,
    id: string,
    query: PageQueryDto,
  ): Promise<CommentRevisionListDto> {
    const comment = await this.findOrFail(id);
    if (comment.authorId !== actor.id && !isStaff(actor))
      throw AppError.forbidden('comments.historyForbidden');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(CommentRevision)
      .createQueryBuilder('r')
      .where('r.comment_id = :id', { id })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit + 1);
    if (after) qb.andWhere('(r.created_at, r.id) > (:at, :rid)', { at: after[0], rid: after[1] });
    return toPage(
      await qb.getMany(),
      limit,
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => ({ id: r.id, body: r.body, createdAt: r.createdAt.toISOString() }),
    );
  }

  /** Only the author deletes; deleting again changes nothing (idempotent). */
  async remove(actor: AuthUser, id: string): Promise<void> {
    const issueId = await this.dataSource.transaction(async (manager) => {
      const comment = await lockComment(manager, id);
      if (comment.authorId !== actor.id) throw AppError.forbidden('comments.onlyAuthorDeletes');
      if (comment.deletedAt) return null;
      if (comment.body)
        await manager.insert(CommentRevision, { commentId: id, body: comment.body });
      await manager.update(Comment, { id }, { body: '', deletedAt: () => 'now()' });
      await refreshCounts(manager, comment.issueId);
      // Its files stop being served now and leave storage after the grace period.
      await this.attachments.markParentDeleted(manager, { type: 'comment', id });
      return comment.issueId;
    });
    if (issueId)
      this.logger.log({ event: 'comment_deleted', issueId, commentId: id, actorId: actor.id });
  }

  async hide(actor: AuthUser, id: string, reason: string): Promise<CommentViewDto> {
    if (!isStaff(actor)) throw AppError.forbidden('comments.onlyStaffHide');
    const issueId = await this.dataSource.transaction(async (manager) => {
      const comment = await lockComment(manager, id);
      if (comment.hiddenAt) throw AppError.conflict('comments.alreadyHidden');
      if (comment.deletedAt) throw AppError.conflict('comments.deletedNothingToHide');
      await manager.update(
        Comment,
        { id },
        { hiddenAt: () => 'now()', hiddenById: actor.id, hiddenReason: reason },
      );
      await refreshCounts(manager, comment.issueId);
      await this.attachments.setParentHidden(manager, { type: 'comment', id }, true);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'comment.hide',
          targetType: 'comment',
          targetId: id,
          details: { issueId: comment.issueId, authorId: comment.authorId, reason },
        },
        manager,
      );
      return comment.issueId;
    });
    this.logger.log({ event: 'comment_hidden', issueId, commentId: id, actorId: actor.id });
    return this.view(actor, id);
  }

  async unhide(actor: AuthUser, id: string): Promise<CommentViewDto> {
    if (!isStaff(actor)) throw AppError.forbidden('comments.onlyStaffUnhide');
    const issueId = await this.dataSource.transaction(async (manager) => {
      const comment = await lockComment(manager, id);
      if (!comment.hiddenAt) throw AppError.conflict('comments.notHidden');
      await manager.update(
        Comment,
        { id },
        { hiddenAt: null, hiddenById: null, hiddenReason: null },
      );
      await refreshCounts(manager, comment.issueId);
      await this.attachments.setParentHidden(manager, { type: 'comment', id }, false);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'comment.unhide',
          targetType: 'comment',
          targetId: id,
          details: { issueId: comment.issueId, authorId: comment.authorId },
        },
        manager,
      );
      return comment.issueId;
    });
    this.logger.log({ event: 'comment_unhidden', issueId, commentId: id, actorId: actor.id });
    return this.view(actor, id);
  }

  private async findOrFail(id: string): Promise<Comment> {
    const comment = await this.comments.findOneBy({ id });
    if (!comment) throw AppError.notFound('comment');
    return comment;
  }

  private async view(actor: AuthUser, id: string): Promise<CommentViewDto> {
    const { entities, raw } = await this.annotated()
      .where('c.id = :id', { id })
      .getRawAndEntities<Extra>();
    const comment = entities[0];
    if (!comment || !raw[0]) throw AppError.notFound('comment');
    const files = showsFiles(actor, comment.deletedAt, comment.hiddenAt)
      ? ((await this.attachments.viewsFor('comment', [comment.id])).get(comment.id) ?? [])
      : [];
    return toView(actor, comment, raw[0], files);
  }

  private annotated(): SelectQueryBuilder<Comment> {
    return this.comments
      .createQueryBuilder('c')
      .leftJoin('c.author', 'a')
      .addSelect('a.display_name', 'author_name');
  }
}

/** A reply's parent is a comment of the same issue that is not itself a reply. */
async function assertParent(
  manager: EntityManager,
  issueId: string,
  parentId: string,
): Promise<void> {
  const parent = await manager.findOneBy(Comment, { id: parentId });
  if (!parent || parent.issueId !== issueId)
    throw AppError.validation([{ field: 'parentId', key: 'field.notCommentOfIssue' }]);
  if (parent.parentId)
    throw AppError.validation([
      { field: 'parentId', key: 'field.replyOneLevel', params: { parentId: parent.parentId } },
    ]);
}

async function lockComment(manager: EntityManager, id: string): Promise<Comment> {
  const comment = await manager.findOne(Comment, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!comment) throw AppError.notFound('comment');
  return comment;
}

/** A comment row as the page statement selects it. */
interface CommentRow {
  id: string;
  issue_id: string;
  author_id: string | null;
  parent_id: string | null;
  body: string;
  language: Comment['language'];
  edited_at: Date | null;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  created_at: Date;
  author_name: string | null;
}

function toComment(row: CommentRow): Comment {
  return Object.assign(new Comment(), {
    id: row.id,
    issueId: row.issue_id,
    authorId: row.author_id,
    parentId: row.parent_id,
    body: row.body,
    language: row.language,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    hiddenAt: row.hidden_at,
    hiddenReason: row.hidden_reason,
    createdAt: row.created_at,
  });
}

/** The first characters of the text for a notification, cut between code points. */
function excerpt(text: string): string {
  return Array.from(text).slice(0, EXCERPT_LENGTH).join('');
}

/**
 * A comment's files go with its body: none for a deleted one. A hidden one's files are withheld
 * from everyone, staff included, while it is hidden: their signed URLs (which know no viewer)
 * stop working with it, so there would be nothing to show.
 */
function showsFiles(_actor: AuthUser, deletedAt: Date | null, hiddenAt: Date | null): boolean {
  return !deletedAt && !hiddenAt;
}

function toView(
  actor: AuthUser,
  comment: Comment,
  extra: Extra | undefined,
  attachments: AttachmentView[],
): CommentViewDto {
  const staff = isStaff(actor);
  const hidden = comment.hiddenAt !== null;
  const deleted = comment.deletedAt !== null;
  const view: CommentViewDto = {
    id: comment.id,
    issueId: comment.issueId,
    parentId: comment.parentId,
    authorId: comment.authorId,
    author:
      comment.authorId && extra?.author_name
        ? { id: comment.authorId, displayName: extra.author_name }
        : null,
    body: deleted || (hidden && !staff) ? '' : comment.body,
    language: comment.language,
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt ? comment.editedAt.toISOString() : null,
    deleted,
    hidden,
    attachments: showsFiles(actor, comment.deletedAt, comment.hiddenAt) ? attachments : [],
  };
  if (staff) view.hiddenReason = comment.hiddenReason;
  return view;
}
