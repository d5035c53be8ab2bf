import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { OrganisationMember } from '../organisations/organisation-member.entity.js';
import { keyContains, USER_SEARCH_KEY } from '../search/search-sql.js';
import { TerritoriesService } from '../territories/territories.service.js';
import type { MembersQueryDto } from './dto/members-query.dto.js';
import type { UpdateProfileDto } from './dto/update-profile.dto.js';
import type { UserOrganisationDto, UserViewDto } from './dto/user-view.dto.js';
import { User } from './user.entity.js';
import type { NetworkRole } from './user-role.js';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(OrganisationMember)
    private readonly memberships: Repository<OrganisationMember>,
    private readonly territories: TerritoriesService,
    private readonly audit: AuditService,
  ) {}

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** The caller's own profile, always with contacts. */
  async me(actor: AuthUser): Promise<UserViewDto> {
    const user = await this.findById(actor.id);
    if (!user) throw AppError.unauthorized('auth.accountGone');
    return this.view(user, true);
  }

  async updateMe(actor: AuthUser, changes: UpdateProfileDto): Promise<UserViewDto> {
    const user = await this.findById(actor.id);
    if (!user) throw AppError.unauthorized('auth.accountGone');
    if (changes.territoryId) await this.territories.assertExists(changes.territoryId);
    Object.assign(user, withoutUndefined(changes));
    if (changes.displayName) user.displayName = changes.displayName.trim();
    await this.users.save(user);
    return this.view(user, true);
  }

  /** Only admins change roles; the last admin cannot step down and lock everyone out. */
  async setRole(actor: AuthUser, userId: string, role: NetworkRole): Promise<UserViewDto> {
    if (actor.role !== 'admin') throw AppError.forbidden('users.onlyAdminsChangeRoles');
    return this.users.manager.transaction(async (manager) => {
      // The admin rows are locked first and in id order, then the target: two admins demoting
      // each other at once queue on the same row instead of deadlocking (a 500), and the
      // second sees the first's change.
      const admins = await manager
        .createQueryBuilder(User, 'u')
        .setLock('pessimistic_write')
        .where("u.role = 'admin'")
        .orderBy('u.id')
        .getMany();
      const user = await manager.findOne(User, {
        where: { id: userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw AppError.notFound('user');
      if (user.role === 'admin' && role !== 'admin' && admins.length <= 1) {
        throw AppError.conflict('users.lastAdmin');
      }
      const previous = user.role;
      user.role = role;
      await manager.save(user);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'user.role',
          targetType: 'user',
          targetId: userId,
          details: { from: previous, to: role },
        },
        manager,
      );
      this.logger.log({
        event: 'role_changed',
        actorId: actor.id,
        userId,
        from: previous,
        to: role,
      });
      return this.view(user, true);
    });
  }

  async getMember(actor: AuthUser, id: string): Promise<UserViewDto> {
    const user = await this.findById(id);
    if (!user) throw AppError.notFound('member');
    return this.view(user, user.id === actor.id || (await this.seesContacts(actor)));
  }

  async listMembers(actor: AuthUser, query: MembersQueryDto): Promise<Page<UserViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string', 'uuid']);
    const qb = this.users
      .createQueryBuilder('u')
      .orderBy('u.display_name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1);
    if (query.q) {
      // Folded and romanised on both sides: "Айбек" finds "Aibek", "Кок" finds "Көк".
      qb.andWhere(`${USER_SEARCH_KEY} LIKE ${keyContains(':q')}`, { q: query.q });
    }
    if (query.organisationId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM organisation_members m WHERE m.user_id = u.id AND m.organisation_id = :organisationId)',
        { organisationId: query.organisationId },
      );
    }
    if (query.territoryId) {
      const ids = await this.territories.withDescendants(query.territoryId);
      qb.andWhere('u.territory_id = ANY(:ids)', { ids });
    }
    if (query.language) qb.andWhere(':language = ANY(u.languages)', { language: query.language });
    if (after) {
      qb.andWhere('(u.display_name, u.id) > (:name, :id)', { name: after[0], id: after[1] });
    }
    const rows = await qb.getMany();
    const showContacts = await this.seesContacts(actor);
    const organisations = await this.organisationsOf(rows.map((u) => u.id));
    return toPage(
      rows,
      limit,
      (u) => [u.displayName, u.id],
      (u) => this.toView(u, organisations.get(u.id) ?? [], showContacts || u.id === actor.id),
    );
  }

  /**
   * Contacts are for the network: facilitators, admins, and members of an organisation
   * the network has admitted.
   */
  async seesContacts(actor: AuthUser): Promise<boolean> {
    if (isStaff(actor)) return true;
    return this.memberships
      .createQueryBuilder('m')
      .innerJoin('m.organisation', 'o')
      .where('m.user_id = :userId', { userId: actor.id })
      .andWhere("o.network_status = 'member'")
      .getExists();
  }

  async view(user: User, showContacts: boolean): Promise<UserViewDto> {
    const organisations = await this.organisationsOf([user.id]);
    return this.toView(user, organisations.get(user.id) ?? [], showContacts);
  }

  private async organisationsOf(userIds: string[]): Promise<Map<string, UserOrganisationDto[]>> {
    const result = new Map<string, UserOrganisationDto[]>();
    if (!userIds.length) return result;
    const rows = await this.memberships
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.organisation', 'o')
      .where('m.user_id = ANY(:userIds)', { userIds })
      .orderBy('o.name', 'ASC')
      .getMany();
    for (const row of rows) {
      const list = result.get(row.userId) ?? [];
      list.push({ id: row.organisationId, name: row.organisation!.name, role: row.role });
      result.set(row.userId, list);
    }
    return result;
  }

  private toView(
    user: User,
    organisations: UserOrganisationDto[],
    showContacts: boolean,
  ): UserViewDto {
    const view: UserViewDto = {
      id: user.id,
      displayName: user.displayName,
      role: user.role,
      preferredLanguage: user.preferredLanguage,
      position: user.position,
      languages: user.languages,
      territoryId: user.territoryId,
      bio: user.bio,
      organisations,
      createdAt: user.createdAt.toISOString(),
    };
    if (showContacts) {
      view.email = user.email;
      view.phone = user.phone;
    }
    return view;
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
