import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type PageQueryDto,
  toPage,
} from '../../common/pagination/pagination.js';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrganisationMember } from '../organisations/organisation-member.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type {
  EndorsementListDto,
  EndorsementViewDto,
  FollowStateDto,
  IssueViewDto,
} from './dto/issue.dto.js';
import { Endorsement } from './endorsement.entity.js';
import { IssueFollow } from './issue-follow.entity.js';
import { IssueTransition } from './issue-transition.entity.js';
import { Issue } from './issue.entity.js';
import { IssuesService, refreshCounts } from './issues.service.js';

/** Endorsements, follows and merging duplicates: what other members do with an issue. */
@Injectable()
export class IssueEngagementService {
  private readonly logger = new Logger(IssueEngagementService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issues: IssuesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** An organisation co-signs; only its members may sign for it, once. */
  async endorse(
    actor: AuthUser,
    issueId: string,
    organisationId: string,
    note?: string,
  ): Promise<EndorsementViewDto> {
    const issue = await this.issues.findOrFail(issueId);
    if (issue.status === 'merged') throw AppError.conflict('issues.endorseMergedTarget');
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneBy({ id: organisationId });
    if (!organisation)
      throw AppError.validation([{ field: 'organisationId', key: 'field.unknownOrganisation' }]);
    await this.assertMember(actor, organisationId);
    const endorsement = await this.dataSource.transaction(async (manager) => {
      const inserted: Endorsement[] = await manager.query(
        `INSERT INTO endorsements (issue_id, organisation_id, endorsed_by, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (issue_id, organisation_id) DO NOTHING RETURNING id`,
        [issueId, organisationId, actor.id, note ?? null],
      );
      if (!inserted.length)
        throw AppError.conflict('issues.alreadyEndorsed', { organisation: organisation.name });
      await manager.query(
        'INSERT INTO issue_follows (issue_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [issueId, actor.id],
      );
      await manager.update(Issue, { id: issueId }, { lastActivityAt: () => 'now()' });
      await refreshCounts(manager, issueId);
      return manager.findOneByOrFail(Endorsement, { id: inserted[0].id });
    });
    this.logger.log({ event: 'issue_endorsed', issueId, organisationId, actorId: actor.id });
    await this.notifications.issueEvent({
      kind: 'endorsement',
      issueId,
      actorId: actor.id,
      payload: {
        issueTitle: issue.title,
        organisationId,
        organisationName: organisation.name,
        note: note ?? null,
      },
    });
    return toEndorsementView(endorsement, organisation.name);
  }

  /** Withdrawn by a member of the organisation, or by staff. */
  async withdrawEndorsement(
    actor: AuthUser,
    issueId: string,
    organisationId: string,
  ): Promise<void> {
    await this.issues.findOrFail(issueId);
    const member = await this.isMember(actor, organisationId);
    if (!member && !isStaff(actor)) await this.assertMember(actor, organisationId);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.delete(Endorsement, { issueId, organisationId });
      if (!result.affected) throw AppError.notFound('endorsement');
      await refreshCounts(manager, issueId);
      if (!member) {
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'endorsement.withdraw',
            targetType: 'issue',
            targetId: issueId,
            details: { organisationId },
          },
          manager,
        );
      }
    });
  }

  /** Oldest first, paged by (created_at, id). */
  async listEndorsements(issueId: string, query: PageQueryDto): Promise<EndorsementListDto> {
    await this.issues.findOrFail(issueId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(Endorsement)
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.organisation', 'o')
      .where('e.issue_id = :issueId', { issueId })
      .orderBy('e.created_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit + 1);
    if (after) qb.andWhere('(e.created_at, e.id) > (:at, :id)', { at: after[0], id: after[1] });
    return toPage(
      await qb.getMany(),
      limit,
      (e) => [e.createdAt.toISOString(), e.id],
      (e) => toEndorsementView(e, e.organisation!.name),
    );
  }

  async follow(actor: AuthUser, issueId: string): Promise<FollowStateDto> {
    await this.issues.findOrFail(issueId);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        'INSERT INTO issue_follows (issue_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [issueId, actor.id],
      );
      await refreshCounts(manager, issueId);
      return { following: true, followerCount: await manager.countBy(IssueFollow, { issueId }) };
    });
  }

  async unfollow(actor: AuthUser, issueId: string): Promise<FollowStateDto> {
    await this.issues.findOrFail(issueId);
    return this.dataSource.transaction(async (manager) => {
      await manager.delete(IssueFollow, { issueId, userId: actor.id });
      await refreshCounts(manager, issueId);
      return { following: false, followerCount: await manager.countBy(IssueFollow, { issueId }) };
    });
  }

  /**
   * Facilitators fold a duplicate into another issue: the source becomes `merged` and points
   * at the target; its followers and endorsements move (an organisation that endorsed both
   * keeps one endorsement); its comments stay on it, readable.
   */
  async merge(actor: AuthUser, sourceId: string, targetId: string): Promise<IssueViewDto> {
    if (!isStaff(actor)) throw AppError.forbidden('issues.onlyStaffMerge');
    if (sourceId === targetId)
      throw AppError.validation([{ field: 'targetIssueId', key: 'field.mergeIntoItself' }]);
    const { source, target, followers } = await this.dataSource.transaction(async (manager) => {
      // Lock both rows in id order so two opposite merges cannot deadlock.
      const [first, second] = [sourceId, targetId].sort();
      const a = await manager.findOne(Issue, {
        where: { id: first },
        lock: { mode: 'pessimistic_write' },
      });
      const b = await manager.findOne(Issue, {
        where: { id: second },
        lock: { mode: 'pessimistic_write' },
      });
      const source = [a, b].find((i) => i?.id === sourceId);
      const target = [a, b].find((i) => i?.id === targetId);
      if (!source) throw AppError.notFound('issue');
      if (!target)
        throw AppError.validation([{ field: 'targetIssueId', key: 'field.unknownIssue' }]);
      if (source.status === 'merged') throw AppError.conflict('issues.alreadyMerged');
      if (target.status === 'merged') throw AppError.conflict('issues.targetMerged');
      const followers: { user_id: string }[] = await manager.query(
        'SELECT user_id FROM issue_follows WHERE issue_id = $1',
        [sourceId],
      );
      await manager.query(
        `INSERT INTO issue_follows (issue_id, user_id, created_at)
         SELECT $2, user_id, created_at FROM issue_follows WHERE issue_id = $1
         ON CONFLICT DO NOTHING`,
        [sourceId, targetId],
      );
      await manager.query(
        `INSERT INTO endorsements (issue_id, organisation_id, endorsed_by, note, created_at)
         SELECT $2, organisation_id, endorsed_by, note, created_at FROM endorsements WHERE issue_id = $1
         ON CONFLICT (issue_id, organisation_id) DO NOTHING`,
        [sourceId, targetId],
      );
      await manager.delete(IssueFollow, { issueId: sourceId });
      await manager.delete(Endorsement, { issueId: sourceId });
      await manager.update(
        Issue,
        { id: sourceId },
        {
          status: 'merged',
          mergedIntoId: targetId,
          statusChangedAt: () => 'now()',
          lastActivityAt: () => 'now()',
        },
      );
      await manager.update(Issue, { id: targetId }, { lastActivityAt: () => 'now()' });
      await manager.insert(IssueTransition, {
        issueId: sourceId,
        fromStatus: source.status,
        toStatus: 'merged',
        actorId: actor.id,
        note: `merged into ${targetId}`,
      });
      await refreshCounts(manager, sourceId);
      await refreshCounts(manager, targetId);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'issue.merge',
          targetType: 'issue',
          targetId: sourceId,
          details: { targetIssueId: targetId, from: source.status, authorId: source.authorId },
        },
        manager,
      );
      return { source, target, followers: followers.map((f) => f.user_id) };
    });
    this.logger.log({ event: 'issue_merged', sourceId, targetId, actorId: actor.id });
    await this.notifications.issueEvent({
      kind: 'merged',
      issueId: targetId,
      actorId: actor.id,
      payload: {
        issueTitle: target.title,
        mergedIssueId: sourceId,
        mergedIssueTitle: source.title,
      },
      alsoNotify: followers,
    });
    return this.issues.get(actor, sourceId);
  }

  private isMember(actor: AuthUser, organisationId: string): Promise<boolean> {
    return this.dataSource
      .getRepository(OrganisationMember)
      .existsBy({ organisationId, userId: actor.id });
  }

  private async assertMember(actor: AuthUser, organisationId: string): Promise<void> {
    const member = await this.dataSource
      .getRepository(OrganisationMember)
      .existsBy({ organisationId, userId: actor.id });
    if (!member) throw AppError.forbidden('issues.onlyMembersSign');
  }
}

function toEndorsementView(e: Endorsement, organisationName: string): EndorsementViewDto {
  return {
    id: e.id,
    issueId: e.issueId,
    organisationId: e.organisationId,
    organisationName,
    endorsedById: e.endorsedById,
    note: e.note,
    createdAt: e.createdAt.toISOString(),
  };
}
