import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import { DEFAULT_LOCALE, localeOfLanguage, translate } from '../../common/i18n/i18n.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import type { AttachmentView } from '../attachments/attachment-parents.js';
import { AttachmentsService } from '../attachments/attachments.service.js';
import { AuditService } from '../audit/audit.service.js';
import { Issue } from '../issues/issue.entity.js';
import type { IssueStatus } from '../issues/issue.enums.js';
import { IssuesService, statusName } from '../issues/issues.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { OrganisationKind } from '../organisations/organisation.enums.js';
import type {
  CreateEscalationDto,
  EscalationsQueryDto,
  EscalationViewDto,
  UpdateEscalationDto,
} from './dto/escalation.dto.js';
import { Escalation } from './escalation.entity.js';

/** The kinds of organisation an issue can be escalated to. */
export const AUTHORITY_KINDS: readonly OrganisationKind[] = [
  'state_administration',
  'government_body',
];

/** Clocks differ: a sentAt or respondedAt this far ahead of ours is still accepted. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const EXCERPT_CHARS = 200;

interface Extra {
  issue_title: string;
  authority_name: string;
  overdue: boolean;
  /** response_due_at at full (microsecond) precision, for the cursor. */
  due_key: string;
}

interface Answered {
  escalation: Escalation;
  issueTitle: string;
  authorityName: string;
  /** The issue's status before the answer moved it, or null when it did not move. */
  movedFrom: IssueStatus | null;
  note: string;
}

/**
 * Escalations: an issue sent to an authority, its deadline and the answer. Sending one moves
 * the issue to `escalated`, recording the answer moves it to `answered`, both through the
 * issue workflow table and inside the same transaction as the escalation row.
 */
@Injectable()
export class EscalationsService implements OnModuleInit {
  private readonly logger = new Logger(EscalationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Escalation) private readonly escalations: Repository<Escalation>,
    private readonly issues: IssuesService,
    private readonly notifications: NotificationsService,
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * An answer's files are as visible as the escalation, which is as visible as its issue:
   * to every signed-in member. Escalations go only with their issue.
   */
  onModuleInit(): void {
    this.attachments.registerParent('escalation', {
      canView: async (_viewer, escalationId) => (await this.missing([escalationId])).size === 0,
      deleted: (escalationIds) => this.missing(escalationIds),
    });
  }

  private async missing(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const found: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM escalations WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const present = new Set(found.map((r) => r.id));
    return new Set(ids.filter((id) => !present.has(id)));
  }

  /**
   * Sends an issue to an authority. From `prioritised` or `answered` the issue moves to
   * `escalated`; an issue already `escalated` stays there (a second authority at once); from
   * any other status the workflow refuses with 409 naming the allowed moves.
   */
  async create(
    actor: AuthUser,
    issueId: string,
    dto: CreateEscalationDto,
  ): Promise<EscalationViewDto> {
    const issue = await this.issues.findOrFail(issueId);
    // Staff keep their rights; otherwise only a representative of the raising organisation.
    const representative = !isStaff(actor) && (await this.representsRaiser(actor, issue));
    if (!isStaff(actor) && !representative)
      throw AppError.forbidden('escalations.onlyStaffOrRepresentatives');
    const authority = await this.authorityOrFail(dto.authorityOrganisationId);
    const sentAt = notInFuture(new Date(dto.sentAt), 'sentAt');
    const responseDueAt = dto.responseDueAt
      ? new Date(dto.responseDueAt)
      : new Date(sentAt.getTime() + this.config.escalationResponseDays * DAY_MS);
    assertNotBefore(responseDueAt, sentAt, 'responseDueAt', 'sentAt');
    const reference = dto.reference ?? null;
    // The note is shown in the timeline as written: in the language of the one who escalates.
    const locale = localeOfLanguage(actor.preferredLanguage) ?? DEFAULT_LOCALE;
    const note = reference
      ? translate(locale, 'escalations.transitionNoteWithReference', {
          authority: authority.name,
          reference,
        })
      : translate(locale, 'escalations.transitionNote', {
          authority: authority.name,
        });

    const { id, from } = await this.dataSource.transaction(async (manager) => {
      const previous = representative
        ? await this.moveAsRepresentative(manager, issueId, actor.id, note)
        : await this.issues.moveWithin(manager, issueId, 'escalated', actor.id, note);
      const row = await manager.save(
        manager.create(Escalation, {
          issueId,
          authorityOrganisationId: authority.id,
          sentAt,
          reference,
          responseDueAt,
          responseText: null,
          respondedAt: null,
          createdById: actor.id,
        }),
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'escalation.record',
          targetType: 'escalation',
          targetId: row.id,
          details: {
            issueId,
            authorityOrganisationId: authority.id,
            reference,
            // Who stood behind it: staff, or the raising organisation's representative.
            as: representative ? 'representative' : 'staff',
            ...(representative ? { organisationId: issue.organisationId } : {}),
          },
        },
        manager,
      );
      return { id: row.id, from: previous };
    });
    this.logger.log({
      event: 'issue_escalated',
      escalationId: id,
      issueId,
      authorityId: authority.id,
      actorId: actor.id,
    });
    if (from) await this.issues.afterMove(actor.id, issueId, from, 'escalated', note);
    return this.get(id);
  }

  /**
   * Records the answer and/or corrects the reference and deadline. The answer is recorded
   * once (409 after that). It moves an `escalated` issue to `answered`; an issue already
   * `answered` (another authority answered first) stays; an issue in any other status (closed,
   * resolved, merged…) keeps it: the answer is a fact worth keeping, but reopening an issue
   * someone closed is a person's decision, not a side effect of paperwork.
   */
  async update(actor: AuthUser, id: string, dto: UpdateEscalationDto): Promise<EscalationViewDto> {
    if (!isStaff(actor)) {
      // The answer comes to whoever sent the letter: the raising organisation's representatives
      // may record it (and correct the reference or deadline) as staff do.
      const found = await this.escalations.findOne({ where: { id }, relations: { issue: true } });
      if (!found) throw AppError.notFound('escalation');
      if (!(await this.representsRaiser(actor, found.issue ?? { organisationId: null })))
        throw AppError.forbidden('escalations.onlyStaffOrRepresentatives');
    }
    const answering = dto.responseText !== undefined || dto.respondedAt !== undefined;
    if (answering && (dto.responseText === undefined || dto.respondedAt === undefined)) {
      const missing = dto.responseText === undefined ? 'responseText' : 'respondedAt';
      const given = missing === 'responseText' ? 'respondedAt' : 'responseText';
      throw AppError.validation([
        { field: missing, key: 'field.requiredWith', params: { other: given } },
      ]);
    }
    // The letter is part of the answer: recorded with it, once.
    if (dto.attachmentIds?.length && !answering)
      throw AppError.validation([{ field: 'attachmentIds', key: 'attachments.onlyWithAnswer' }]);
    const respondedAt = dto.respondedAt
      ? notInFuture(new Date(dto.respondedAt), 'respondedAt')
      : undefined;

    const answered = await this.dataSource.transaction(async (manager) => {
      const escalation = await manager.findOne(Escalation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!escalation) throw AppError.notFound('escalation');

      const changes: Partial<Escalation> = {};
      if (dto.reference !== undefined) changes.reference = dto.reference;
      if (dto.responseDueAt !== undefined) {
        changes.responseDueAt = new Date(dto.responseDueAt);
        assertNotBefore(changes.responseDueAt, escalation.sentAt, 'responseDueAt', 'sentAt');
      }
      const answer = respondedAt && dto.responseText !== undefined;
      if (answer) {
        if (escalation.respondedAt)
          throw AppError.conflict('escalations.alreadyAnswered', {
            respondedAt: escalation.respondedAt.toISOString(),
          });
        assertNotBefore(respondedAt, escalation.sentAt, 'respondedAt', 'sentAt');
        changes.responseText = dto.responseText;
        changes.respondedAt = respondedAt;
        if (dto.attachmentIds?.length) {
          await this.attachments.claim(manager, actor.id, dto.attachmentIds, {
            type: 'escalation',
            id,
          });
        }
      }
      if (Object.keys(changes).length) {
        await manager.update(Escalation, { id }, changes);
        await this.audit.record(
          {
            actorId: actor.id,
            action: answer ? 'escalation.answer' : 'escalation.edit',
            targetType: 'escalation',
            targetId: id,
            details: {
              issueId: escalation.issueId,
              fields: Object.keys(changes),
              ...(answer && dto.attachmentIds?.length ? { attachmentIds: dto.attachmentIds } : {}),
            },
          },
          manager,
        );
      }
      if (!answer) return null;

      const authority = await manager.findOneByOrFail(Organisation, {
        id: escalation.authorityOrganisationId,
      });
      const note = `Answer from ${authority.name}`;
      const movedFrom = await this.moveIfEscalated(manager, escalation.issueId, actor.id, note);
      const issue = await manager.findOneByOrFail(Issue, { id: escalation.issueId });
      return {
        escalation: { ...escalation, ...changes },
        issueTitle: issue.title,
        authorityName: authority.name,
        movedFrom,
        note,
      };
    });

    if (answered) await this.afterAnswer(actor, answered);
    return this.get(id);
  }

  async get(id: string): Promise<EscalationViewDto> {
    const { entities, raw } = await this.annotated()
      .where('e.id = :id', { id })
      .getRawAndEntities<Extra>();
    if (!entities[0] || !raw[0]) throw AppError.notFound('escalation');
    const files = await this.attachments.viewsFor('escalation', [id]);
    return toView(entities[0], raw[0], files.get(id) ?? []);
  }

  /** Any signed-in member may list; soonest deadline first, keyset on (response_due_at, id). */
  async list(query: EscalationsQueryDto): Promise<Page<EscalationViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.annotated()
      .orderBy('e.response_due_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit + 1);
    if (query.issueId) qb.andWhere('e.issue_id = :issueId', { issueId: query.issueId });
    if (query.authorityOrganisationId)
      qb.andWhere('e.authority_organisation_id = :authorityId', {
        authorityId: query.authorityOrganisationId,
      });
    if (query.overdue !== undefined)
      qb.andWhere(query.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
    if (after) {
      qb.andWhere('(e.response_due_at, e.id) > (:dueAfter::timestamptz, :idAfter::uuid)', {
        dueAfter: after[0],
        idAfter: after[1],
      });
    }
    const { entities, raw } = await qb.getRawAndEntities<Extra>();
    const rows = entities.map((escalation, i) => ({ escalation, extra: raw[i] }));
    // Only answered escalations can carry files: the others need no lookup.
    const files = await this.attachments.viewsFor(
      'escalation',
      entities
        .slice(0, limit)
        .filter((e) => e.respondedAt)
        .map((e) => e.id),
    );
    return toPage(
      rows,
      limit,
      (r) => [r.extra.due_key, r.escalation.id],
      (r) => toView(r.escalation, r.extra, files.get(r.escalation.id) ?? []),
    );
  }

  /** The escalations of one issue (404 if there is no such issue), same order and paging. */
  async listForIssue(
    issueId: string,
    query: Pick<EscalationsQueryDto, 'cursor' | 'limit'>,
  ): Promise<Page<EscalationViewDto>> {
    await this.issues.findOrFail(issueId);
    return this.list({ cursor: query.cursor, limit: query.limit, issueId });
  }

  private async afterAnswer(actor: AuthUser, answered: Answered): Promise<void> {
    const { escalation, issueTitle, authorityName, movedFrom, note } = answered;
    this.logger.log({
      event: 'escalation_answered',
      escalationId: escalation.id,
      issueId: escalation.issueId,
      actorId: actor.id,
      moved: movedFrom !== null,
    });
    if (movedFrom)
      await this.issues.afterMove(actor.id, escalation.issueId, movedFrom, 'answered', note);
    await this.notifications.issueEvent({
      kind: 'escalation_answered',
      issueId: escalation.issueId,
      actorId: actor.id,
      payload: {
        issueTitle,
        escalationId: escalation.id,
        authorityName,
        excerpt: excerpt(escalation.responseText ?? ''),
      },
    });
  }

  /** escalated → answered through the workflow; any other status is left as it is. */
  private async moveIfEscalated(
    manager: EntityManager,
    issueId: string,
    actorId: string,
    note: string,
  ): Promise<IssueStatus | null> {
    const issue = await manager.findOne(Issue, {
      where: { id: issueId },
      lock: { mode: 'pessimistic_write' },
    });
    if (issue?.status !== 'escalated') return null;
    return this.issues.moveWithin(manager, issueId, 'answered', actorId, note);
  }

  /** Whether the caller is a current representative of the organisation that raised the issue. */
  private async representsRaiser(
    actor: AuthUser,
    issue: Pick<Issue, 'organisationId'>,
  ): Promise<boolean> {
    if (!issue.organisationId) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM organisation_members
        WHERE organisation_id = $1 AND user_id = $2 AND role = 'representative'`,
      [issue.organisationId, actor.id],
    );
    return rows.length > 0;
  }

  /**
   * A representative's escalation: only from `discussing` or `prioritised` (checked under the
   * issue's lock, so a concurrent move cannot slip past), then the workflow's own move with the
   * representative's rights, so the transition records the actual actor.
   */
  private async moveAsRepresentative(
    manager: EntityManager,
    issueId: string,
    actorId: string,
    note: string,
  ): Promise<IssueStatus | null> {
    const issue = await manager.findOne(Issue, {
      where: { id: issueId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!issue) throw AppError.notFound('issue');
    if (!REPRESENTATIVE_FROM.includes(issue.status))
      throw AppError.conflict('escalations.representativeFrom', {
        status: statusName(issue.status),
      });
    return this.issues.moveWithin(manager, issueId, 'escalated', actorId, note, {
      isAuthor: false,
      isStaff: false,
      isRepresentative: true,
    });
  }

  private async authorityOrFail(id: string): Promise<Organisation> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ id });
    if (!organisation)
      throw AppError.validation([
        { field: 'authorityOrganisationId', key: 'field.unknownOrganisation' },
      ]);
    if (!AUTHORITY_KINDS.includes(organisation.kind))
      throw AppError.validation([
        {
          field: 'authorityOrganisationId',
          key: 'field.authorityKind',
          params: {
            kinds: AUTHORITY_KINDS.join(', '),
            organisation: organisation.name,
            kind: organisation.kind,
          },
        },
      ]);
    return organisation;
  }

  private annotated(): SelectQueryBuilder<Escalation> {
    return this.escalations
      .createQueryBuilder('e')
      .innerJoin('e.issue', 'i')
      .innerJoin('e.authority', 'o')
      .addSelect('i.title', 'issue_title')
      .addSelect('o.name', 'authority_name')
      .addSelect(OVERDUE_SQL, 'overdue')
      .addSelect(
        `to_char(e.response_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        'due_key',
      );
  }
}

const OVERDUE_SQL = '(e.responded_at IS NULL AND e.response_due_at < now())';

/** The statuses from which the raising organisation's representatives may escalate. */
const REPRESENTATIVE_FROM: readonly IssueStatus[] = ['discussing', 'prioritised'];

function notInFuture(value: Date, field: string): Date {
  if (value.getTime() > Date.now() + CLOCK_SKEW_MS)
    throw AppError.validation([{ field, key: 'field.notInFuture' }]);
  return value;
}

function assertNotBefore(value: Date, bound: Date, field: string, boundField: string): void {
  if (value.getTime() < bound.getTime())
    throw AppError.validation([
      {
        field,
        key: 'field.notBefore',
        params: { other: boundField, bound },
      },
    ]);
}

/** The first characters of the answer for a notification, cut between code points. */
function excerpt(text: string): string {
  const chars = Array.from(text);
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : text;
}

function toView(e: Escalation, extra: Extra, attachments: AttachmentView[]): EscalationViewDto {
  return {
    id: e.id,
    issueId: e.issueId,
    issueTitle: extra.issue_title,
    authorityOrganisationId: e.authorityOrganisationId,
    authorityName: extra.authority_name,
    sentAt: e.sentAt.toISOString(),
    reference: e.reference,
    responseDueAt: e.responseDueAt.toISOString(),
    responseText: e.responseText,
    respondedAt: e.respondedAt ? e.respondedAt.toISOString() : null,
    overdue: Boolean(extra.overdue),
    createdById: e.createdById,
    createdAt: e.createdAt.toISOString(),
    attachments,
  };
}
