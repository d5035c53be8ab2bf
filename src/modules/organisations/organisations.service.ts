import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  type DataSource,
  type EntityManager,
  type Repository,
  type SelectQueryBuilder,
} from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  type PageQueryDto,
  toPage,
} from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { keyContains, ORGANISATION_SEARCH_KEY } from '../search/search-sql.js';
import { TerritoriesService } from '../territories/territories.service.js';
import { User } from '../users/user.entity.js';
import type { InvitationViewDto } from './dto/invitation.dto.js';
import type {
  AddMemberDto,
  CreateOrganisationDto,
  NetworkApplicationDto,
  NetworkDecisionDto,
  OrganisationMemberViewDto,
  OrganisationsQueryDto,
  OrganisationViewDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto.js';
import { OrganisationInvitation } from './organisation-invitation.entity.js';
import { OrganisationMember } from './organisation-member.entity.js';
import { Organisation } from './organisation.entity.js';
import type { OrganisationRole } from './organisation.enums.js';

interface Annotated {
  member_count: string;
  my_role: OrganisationRole | null;
}

@Injectable()
export class OrganisationsService {
  private readonly logger = new Logger(OrganisationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(OrganisationMember) private readonly members: Repository<OrganisationMember>,
    @InjectRepository(OrganisationInvitation)
    private readonly invitations: Repository<OrganisationInvitation>,
    private readonly territories: TerritoriesService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser, dto: CreateOrganisationDto): Promise<OrganisationViewDto> {
    await this.territories.assertExists(dto.territoryId);
    const id = await this.dataSource.transaction(async (manager) => {
      const organisation = await manager.save(
        manager.create(Organisation, {
          name: dto.name.trim(),
          kind: dto.kind,
          territoryId: dto.territoryId,
          description: dto.description ?? null,
          contacts: { ...dto.contacts },
          createdById: actor.id,
        }),
      );
      await manager.insert(OrganisationMember, {
        organisationId: organisation.id,
        userId: actor.id,
        role: 'representative',
      });
      return organisation.id;
    });
    this.logger.log({ event: 'organisation_created', organisationId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  async list(actor: AuthUser, query: OrganisationsQueryDto): Promise<Page<OrganisationViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string', 'uuid']);
    const qb = this.annotated(actor)
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit + 1);
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.networkStatus)
      qb.andWhere('o.network_status = :status', { status: query.networkStatus });
    if (query.territoryId) {
      qb.andWhere('o.territory_id = ANY(:territoryIds)', {
        territoryIds: await this.territories.withDescendants(query.territoryId),
      });
    }
    if (query.q) {
      // Folded and romanised on both sides: "Ak-Sai" finds "Ак-Сай", "Кок" finds "Көк".
      qb.andWhere(`${ORGANISATION_SEARCH_KEY} LIKE ${keyContains(':q')}`, { q: query.q });
    }
    if (after) qb.andWhere('(o.name, o.id) > (:name, :id)', { name: after[0], id: after[1] });
    const { entities, raw } = await qb.getRawAndEntities<Annotated>();
    const rows = entities.map((entity, i) => ({ entity, extra: raw[i] }));
    return toPage(
      rows,
      limit,
      (r) => [r.entity.name, r.entity.id],
      (r) => toView(r.entity, r.extra),
    );
  }

  async get(actor: AuthUser, id: string): Promise<OrganisationViewDto> {
    const { entities, raw } = await this.annotated(actor)
      .where('o.id = :id', { id })
      .getRawAndEntities<Annotated>();
    if (!entities[0] || !raw[0]) throw AppError.notFound('organisation');
    return toView(entities[0], raw[0]);
  }

  async update(
    actor: AuthUser,
    id: string,
    dto: UpdateOrganisationDto,
  ): Promise<OrganisationViewDto> {
    const organisation = await this.findOrFail(id);
    const asAdmin = await this.assertManages(actor, id);
    if (dto.territoryId) await this.territories.assertExists(dto.territoryId);
    if (dto.name !== undefined) organisation.name = dto.name.trim();
    if (dto.kind !== undefined) organisation.kind = dto.kind;
    if (dto.territoryId !== undefined) organisation.territoryId = dto.territoryId;
    if (dto.description !== undefined) organisation.description = dto.description;
    if (dto.contacts !== undefined) organisation.contacts = { ...dto.contacts };
    await this.dataSource.transaction(async (manager) => {
      await manager.save(organisation);
      if (asAdmin) {
        const fields = Object.keys(dto).filter((k) => dto[k as keyof typeof dto] !== undefined);
        await this.auditAdmin(manager, actor, 'organisation.edit', id, { fields });
      }
    });
    this.logger.log({ event: 'organisation_updated', organisationId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  async listMembers(
    actor: AuthUser,
    id: string,
    query: PageQueryDto,
  ): Promise<Page<OrganisationMemberViewDto>> {
    await this.findOrFail(id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string', 'uuid']);
    const qb = this.members
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where('m.organisation_id = :id', { id })
      .orderBy('u.display_name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1);
    if (after)
      qb.andWhere('(u.display_name, u.id) > (:name, :uid)', { name: after[0], uid: after[1] });
    const rows = await qb.getMany();
    return toPage(rows, limit, (m) => [m.user!.displayName, m.userId], toMemberView);
  }

  async addMember(
    actor: AuthUser,
    id: string,
    dto: AddMemberDto,
  ): Promise<OrganisationMemberViewDto> {
    await this.findOrFail(id);
    const asAdmin = await this.assertManages(actor, id);
    const user = await this.dataSource.getRepository(User).findOneBy({ id: dto.userId });
    if (!user) throw AppError.notFound('user');
    if (await this.members.existsBy({ organisationId: id, userId: dto.userId })) {
      throw AppError.conflict('organisations.alreadyMember');
    }
    // A concurrent add of the same person hits the primary key and also answers 409.
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(OrganisationMember, {
        organisationId: id,
        userId: dto.userId,
        role: dto.role,
      });
      // A pending invitation is moot once they are in; accepting it later must not mislead.
      await manager.update(
        OrganisationInvitation,
        { organisationId: id, userId: dto.userId, status: 'pending' },
        { status: 'cancelled', respondedAt: new Date() },
      );
      if (asAdmin) {
        await this.auditAdmin(manager, actor, 'organisation.member_add', id, {
          userId: dto.userId,
          role: dto.role,
        });
      }
    });
    this.logger.log({
      event: 'organisation_member_added',
      organisationId: id,
      userId: dto.userId,
      role: dto.role,
      actorId: actor.id,
    });
    return this.memberView(id, dto.userId);
  }

  async changeMemberRole(
    actor: AuthUser,
    id: string,
    userId: string,
    role: OrganisationRole,
  ): Promise<OrganisationMemberViewDto> {
    await this.findOrFail(id);
    const asAdmin = await this.assertManages(actor, id);
    await this.dataSource.transaction(async (manager) => {
      const membership = await this.lockMembership(manager, id, userId);
      if (membership.role === 'representative' && role !== 'representative') {
        await this.assertAnotherRepresentative(manager, id, userId);
      }
      await manager.update(OrganisationMember, { organisationId: id, userId }, { role });
      if (asAdmin) {
        await this.auditAdmin(manager, actor, 'organisation.member_role', id, {
          userId,
          from: membership.role,
          to: role,
        });
      }
    });
    this.logger.log({
      event: 'organisation_member_role_changed',
      organisationId: id,
      userId,
      role,
      actorId: actor.id,
    });
    return this.memberView(id, userId);
  }

  /** Representatives and admins remove anyone; a member may always leave by themselves. */
  async removeMember(actor: AuthUser, id: string, userId: string): Promise<void> {
    await this.findOrFail(id);
    const asAdmin = actor.id !== userId && (await this.assertManages(actor, id));
    await this.dataSource.transaction(async (manager) => {
      const membership = await this.lockMembership(manager, id, userId);
      if (membership.role === 'representative')
        await this.assertAnotherRepresentative(manager, id, userId);
      await manager.delete(OrganisationMember, { organisationId: id, userId });
      if (asAdmin) {
        await this.auditAdmin(manager, actor, 'organisation.member_remove', id, {
          userId,
          role: membership.role,
        });
      }
    });
    this.logger.log({
      event: 'organisation_member_removed',
      organisationId: id,
      userId,
      actorId: actor.id,
    });
  }

  async invite(actor: AuthUser, id: string, dto: AddMemberDto): Promise<InvitationViewDto> {
    const organisation = await this.findOrFail(id);
    const asAdmin = await this.assertManages(actor, id);
    const user = await this.dataSource.getRepository(User).findOneBy({ id: dto.userId });
    if (!user) throw AppError.notFound('user');
    if (await this.members.existsBy({ organisationId: id, userId: dto.userId })) {
      throw AppError.conflict('organisations.alreadyMember');
    }
    if (
      await this.invitations.existsBy({ organisationId: id, userId: dto.userId, status: 'pending' })
    ) {
      throw AppError.conflict('organisations.invitationPending');
    }
    const invitation = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(OrganisationInvitation, {
          organisationId: id,
          userId: dto.userId,
          role: dto.role,
          invitedById: actor.id,
          status: 'pending',
          respondedAt: null,
        }),
      );
      if (asAdmin) {
        await this.auditAdmin(manager, actor, 'organisation.invite', id, {
          userId: dto.userId,
          role: dto.role,
          invitationId: saved.id,
        });
      }
      return saved;
    });
    this.logger.log({
      event: 'organisation_invitation_sent',
      organisationId: id,
      userId: dto.userId,
      actorId: actor.id,
    });
    return toInvitationView(invitation, organisation.name);
  }

  async listOrganisationInvitations(
    actor: AuthUser,
    id: string,
    query: PageQueryDto,
  ): Promise<Page<InvitationViewDto>> {
    const organisation = await this.findOrFail(id);
    await this.assertManages(actor, id);
    const rows = await this.pendingInvitations(query, 'i.organisation_id = :id', { id });
    return toPage(
      rows,
      query.limit ?? DEFAULT_LIMIT,
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => toInvitationView(r, organisation.name),
    );
  }

  /** Pending invitations, newest first, one page (`limit + 1` rows) by (created_at, id). */
  private pendingInvitations(
    query: PageQueryDto,
    where: string,
    params: Record<string, string>,
  ): Promise<OrganisationInvitation[]> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const before = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.invitations
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.organisation', 'o')
      .where(where, params)
      .andWhere("i.status = 'pending'")
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(limit + 1);
    if (before) {
      qb.andWhere('(i.created_at, i.id) < (:at, :cursorId)', {
        at: before[0],
        cursorId: before[1],
      });
    }
    return qb.getMany();
  }

  async cancelInvitation(actor: AuthUser, id: string, invitationId: string): Promise<void> {
    await this.findOrFail(id);
    const asAdmin = await this.assertManages(actor, id);
    const invitation = await this.invitations.findOneBy({ id: invitationId, organisationId: id });
    if (!invitation) throw AppError.notFound('invitation');
    if (invitation.status !== 'pending')
      throw AppError.conflict('organisations.invitationAlready', { status: invitation.status });
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        OrganisationInvitation,
        { id: invitationId },
        { status: 'cancelled', respondedAt: new Date() },
      );
      if (asAdmin) {
        await this.auditAdmin(manager, actor, 'organisation.invitation_cancel', id, {
          invitationId,
          userId: invitation.userId,
        });
      }
    });
  }

  async myInvitations(actor: AuthUser, query: PageQueryDto): Promise<Page<InvitationViewDto>> {
    const rows = await this.pendingInvitations(query, 'i.user_id = :me', { me: actor.id });
    return toPage(
      rows,
      query.limit ?? DEFAULT_LIMIT,
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => toInvitationView(r, r.organisation!.name),
    );
  }

  /** Only the invited person answers; anyone else is told the invitation does not exist. */
  async respondToInvitation(
    actor: AuthUser,
    invitationId: string,
    accept: boolean,
  ): Promise<InvitationViewDto> {
    return this.dataSource.transaction(async (manager) => {
      const invitation = await manager.findOne(OrganisationInvitation, {
        where: { id: invitationId, userId: actor.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw AppError.notFound('invitation');
      if (invitation.status !== 'pending')
        throw AppError.conflict('organisations.invitationAlready', { status: invitation.status });
      invitation.status = accept ? 'accepted' : 'declined';
      invitation.respondedAt = new Date();
      await manager.save(invitation);
      if (accept) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(OrganisationMember)
          .values({
            organisationId: invitation.organisationId,
            userId: actor.id,
            role: invitation.role,
          })
          .orIgnore()
          .execute();
      }
      const organisation = await manager.findOneByOrFail(Organisation, {
        id: invitation.organisationId,
      });
      this.logger.log({
        event: accept ? 'organisation_invitation_accepted' : 'organisation_invitation_declined',
        invitationId,
        userId: actor.id,
      });
      return toInvitationView(invitation, organisation.name);
    });
  }

  /** A representative asks for the organisation to join the network. */
  async apply(
    actor: AuthUser,
    id: string,
    dto: NetworkApplicationDto,
  ): Promise<OrganisationViewDto> {
    await this.findOrFail(id);
    const asAdmin = await this.assertManages(actor, id);
    const affected = await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Organisation)
        .set({
          networkStatus: 'pending',
          networkMotivation: dto.motivation ?? null,
          networkAppliedAt: () => 'now()',
          // A new application starts clean: the last decision no longer applies.
          networkDecisionReason: null,
          networkDecidedAt: null,
          networkDecidedById: null,
        })
        .where('id = :id', { id })
        .andWhere("network_status IN ('none', 'rejected')")
        .execute();
      if (result.affected && asAdmin) {
        await this.auditAdmin(manager, actor, 'organisation.network_application', id, {
          motivation: dto.motivation ?? null,
        });
      }
      return result.affected;
    });
    if (!affected) {
      const current = await this.findOrFail(id);
      throw AppError.conflict(
        current.networkStatus === 'pending'
          ? 'organisations.applicationPending'
          : 'organisations.alreadyInNetwork',
      );
    }
    this.logger.log({ event: 'network_application', organisationId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  /** Facilitators and admins decide on a pending application; a rejection needs a reason. */
  async decide(actor: AuthUser, id: string, dto: NetworkDecisionDto): Promise<OrganisationViewDto> {
    if (!isStaff(actor)) throw AppError.forbidden('organisations.onlyStaffDecide');
    await this.findOrFail(id);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Organisation)
        .set({
          networkStatus: dto.approve ? 'member' : 'rejected',
          networkDecisionReason: dto.reason ?? null,
          networkDecidedAt: () => 'now()',
          networkDecidedById: actor.id,
        })
        .where('id = :id', { id })
        .andWhere("network_status = 'pending'")
        .execute();
      if (!result.affected) throw AppError.conflict('organisations.noPendingApplication');
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'organisation.network_decision',
          targetType: 'organisation',
          targetId: id,
          details: { approve: dto.approve, reason: dto.reason ?? null },
        },
        manager,
      );
    });
    this.logger.log({
      event: 'network_decision',
      organisationId: id,
      approve: dto.approve,
      actorId: actor.id,
    });
    return this.get(actor, id);
  }

  /** The caller's role in an organisation, or null. Shared by later modules' access checks. */
  async roleOf(userId: string, organisationId: string): Promise<OrganisationRole | null> {
    const membership = await this.members.findOneBy({ organisationId, userId });
    return membership?.role ?? null;
  }

  /**
   * Representatives and admins manage an organisation. Answers whether only the network role
   * let the caller in (an admin who does not represent it): such acts are audited.
   */
  async assertManages(actor: AuthUser, organisationId: string): Promise<boolean> {
    if ((await this.roleOf(actor.id, organisationId)) === 'representative') return false;
    if (actor.role === 'admin') return true;
    throw AppError.forbidden('organisations.onlyRepresentatives');
  }

  private auditAdmin(
    manager: EntityManager,
    actor: AuthUser,
    action: string,
    organisationId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      { actorId: actor.id, action, targetType: 'organisation', targetId: organisationId, details },
      manager,
    );
  }

  private async findOrFail(id: string): Promise<Organisation> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) throw AppError.notFound('organisation');
    return organisation;
  }

  private annotated(actor: AuthUser): SelectQueryBuilder<Organisation> {
    return this.organisations
      .createQueryBuilder('o')
      .addSelect(
        '(SELECT count(*) FROM organisation_members c WHERE c.organisation_id = o.id)',
        'member_count',
      )
      .addSelect(
        '(SELECT r.role FROM organisation_members r WHERE r.organisation_id = o.id AND r.user_id = :actorId)',
        'my_role',
      )
      .setParameter('actorId', actor.id);
  }

  private async lockMembership(
    manager: EntityManager,
    organisationId: string,
    userId: string,
  ): Promise<OrganisationMember> {
    // Lock the organisation row so two concurrent removals cannot both pass the last-representative check.
    await manager.findOne(Organisation, {
      where: { id: organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    const membership = await manager.findOneBy(OrganisationMember, { organisationId, userId });
    if (!membership) throw AppError.notFound('membership');
    return membership;
  }

  private async assertAnotherRepresentative(
    manager: EntityManager,
    organisationId: string,
    userId: string,
  ): Promise<void> {
    const others = await manager
      .createQueryBuilder(OrganisationMember, 'm')
      .where('m.organisation_id = :organisationId AND m.role = :role AND m.user_id <> :userId', {
        organisationId,
        role: 'representative',
        userId,
      })
      .getCount();
    if (others === 0) throw AppError.conflict('organisations.lastRepresentative');
  }

  private async memberView(
    organisationId: string,
    userId: string,
  ): Promise<OrganisationMemberViewDto> {
    const membership = await this.members.findOne({
      where: { organisationId, userId },
      relations: { user: true },
    });
    if (!membership) throw AppError.notFound('membership');
    return toMemberView(membership);
  }
}

function toView(o: Organisation, extra: Annotated): OrganisationViewDto {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    territoryId: o.territoryId,
    description: o.description,
    contacts: o.contacts,
    networkStatus: o.networkStatus,
    networkMotivation: o.networkMotivation,
    networkAppliedAt: o.networkAppliedAt?.toISOString() ?? null,
    networkDecisionReason: o.networkDecisionReason,
    networkDecidedAt: o.networkDecidedAt?.toISOString() ?? null,
    memberCount: Number(extra.member_count),
    myRole: extra.my_role ?? null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

function toMemberView(m: OrganisationMember): OrganisationMemberViewDto {
  return {
    organisationId: m.organisationId,
    userId: m.userId,
    displayName: m.user!.displayName,
    role: m.role,
    joinedAt: m.createdAt.toISOString(),
  };
}

function toInvitationView(i: OrganisationInvitation, organisationName: string): InvitationViewDto {
  return {
    id: i.id,
    organisationId: i.organisationId,
    organisationName,
    userId: i.userId,
    role: i.role,
    status: i.status,
    invitedById: i.invitedById,
    createdAt: i.createdAt.toISOString(),
  };
}
