import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { assertKnownIds } from '../../common/database/known-ids.js';
import { AppError, type FieldProblem } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { AGE_BANDS, GENDERS } from '../surveys/survey-contract.js';
import { TerritoriesService } from '../territories/territories.service.js';
import type {
  AttendanceLineDto,
  AttendanceResultDto,
  EventRegistrantDto,
  CloseEventDto,
  CreateEventDto,
  EventEvidenceDto,
  EventsQueryDto,
  EventStatsDto,
  EventViewDto,
  RecordAttendanceDto,
  RegistrationViewDto,
  StatsCellDto,
  StatsOrganisationKind,
  TalliesDto,
  TalliesViewDto,
  UpdateEventDto,
} from './dto/event.dto.js';
import { STATS_ORGANISATION_KINDS } from './dto/event.dto.js';
import { EventAttendance } from './event-attendance.entity.js';
import { EventCommitment } from './event-commitment.entity.js';
import { EventIssue } from './event-issue.entity.js';
import { EventRegistration } from './event-registration.entity.js';
import { EventTally } from './event-tally.entity.js';
import { NetworkEvent } from './event.entity.js';
import type { EventKind } from './event.enums.js';
import { cubeLines, type Suppression, suppressCells } from '../surveys/results/suppression.js';

interface Counts {
  registered: number;
  waitlisted: number;
}

/**
 * Events of the network (issues 12 and 13). Every signed-in member sees every event; the
 * organiser (its creator and the representatives of the organising organisation), facilitators
 * and admins manage it. Staff managing an event that is not theirs leave an audit entry.
 */
@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly territories: TerritoriesService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser, dto: CreateEventDto): Promise<EventViewDto> {
    await this.assertMayOrganise(actor, dto.organiserOrganisationId);
    const problems: FieldProblem[] = [];
    // `group` is an extension the contract lacks: a contract client creating a focus group
    // leaves it out and gets a mixed group. Other kinds still refuse it.
    if (dto.kind !== 'focus_group' && dto.group !== undefined)
      problems.push({ field: 'group', key: 'events.groupForFocusGroups' });
    if (dto.endsAt && Date.parse(dto.endsAt) < Date.parse(dto.startsAt))
      problems.push({
        field: 'endsAt',
        key: 'field.notBefore',
        params: { other: 'startsAt', bound: new Date(dto.startsAt).toISOString() },
      });
    if (problems.length) throw AppError.validation(problems);
    await this.territories.assertExists(dto.territoryId);
    if (dto.issueIds?.length)
      await assertKnownIds(this.dataSource, 'issues', dto.issueIds, 'issueIds');

    const id = await this.dataSource.transaction(async (manager) => {
      const event = await manager.save(
        manager.create(NetworkEvent, {
          kind: dto.kind,
          title: { ...dto.title },
          startsAt: new Date(dto.startsAt),
          endsAt: dto.endsAt ? new Date(dto.endsAt) : null,
          territoryId: dto.territoryId,
          place: dto.place ?? null,
          organiserOrganisationId: dto.organiserOrganisationId ?? null,
          capacity: dto.capacity ?? null,
          language: dto.language ?? null,
          group: dto.kind === 'focus_group' ? (dto.group ?? 'mixed') : null,
          minCellSize: dto.minCellSize ?? 5,
          status: 'planned',
          minutes: null,
          findings: null,
          closedAt: null,
          closedById: null,
          createdById: actor.id,
        }),
      );
      if (dto.issueIds?.length)
        await manager.insert(
          EventIssue,
          dto.issueIds.map((issueId) => ({ eventId: event.id, issueId })),
        );
      return event.id;
    });
    this.logger.log({ event: 'event_created', eventId: id, kind: dto.kind, actorId: actor.id });
    return this.get(actor, id);
  }

  async get(actor: AuthUser, id: string): Promise<EventViewDto> {
    const event = await this.findOrFail(id);
    const [view] = await this.views(actor, [event]);
    return view;
  }

  /** Earliest start first; keyset on (starts_at, id). */
  async list(actor: AuthUser, query: EventsQueryDto): Promise<Page<EventViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(NetworkEvent)
      .createQueryBuilder('e')
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit + 1);
    if (query.kind) qb.andWhere('e.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.organiserOrganisationId)
      qb.andWhere('e.organiser_organisation_id = :org', { org: query.organiserOrganisationId });
    if (query.issueId)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM event_issues ei WHERE ei.event_id = e.id AND ei.issue_id = :issueId)',
        { issueId: query.issueId },
      );
    if (query.territoryId) {
      const ids = await this.territories.withDescendants(query.territoryId);
      qb.andWhere('e.territory_id = ANY(:territories::uuid[])', { territories: ids });
    }
    if (query.from) qb.andWhere('e.starts_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('e.starts_at < :to', { to: new Date(query.to) });
    if (after)
      qb.andWhere('(e.starts_at, e.id) > (:startsAfter::timestamptz, :idAfter::uuid)', {
        startsAfter: after[0],
        idAfter: after[1],
      });
    const page = toPage(
      await qb.getMany(),
      limit,
      (e) => [e.startsAt.toISOString(), e.id],
      (e) => e,
    );
    return { ...page, items: await this.views(actor, page.items) };
  }

  async update(actor: AuthUser, id: string, dto: UpdateEventDto): Promise<EventViewDto> {
    const event = await this.findOrFail(id);
    const organiser = await this.assertManages(actor, event);
    if (dto.group !== undefined && event.kind !== 'focus_group')
      throw AppError.validation([{ field: 'group', key: 'events.groupForFocusGroups' }]);
    if (dto.territoryId) await this.territories.assertExists(dto.territoryId);
    if (dto.issueIds?.length)
      await assertKnownIds(this.dataSource, 'issues', dto.issueIds, 'issueIds');

    await this.dataSource.transaction(async (manager) => {
      const locked = await lockEventOrFail(manager, id);
      const changes: Partial<NetworkEvent> = {};
      if (dto.title !== undefined) changes.title = { ...dto.title };
      if (dto.startsAt !== undefined) changes.startsAt = new Date(dto.startsAt);
      if (dto.endsAt !== undefined) changes.endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
      if (dto.territoryId !== undefined) changes.territoryId = dto.territoryId;
      if (dto.place !== undefined) changes.place = dto.place;
      if (dto.capacity !== undefined) changes.capacity = dto.capacity;
      if (dto.language !== undefined) changes.language = dto.language;
      if (dto.group !== undefined) changes.group = dto.group;
      if (dto.minCellSize !== undefined) changes.minCellSize = dto.minCellSize;
      const startsAt = changes.startsAt ?? locked.startsAt;
      const endsAt = changes.endsAt !== undefined ? changes.endsAt : locked.endsAt;
      if (endsAt && endsAt.getTime() < startsAt.getTime())
        throw AppError.validation([
          {
            field: 'endsAt',
            key: 'field.notBefore',
            params: { other: 'startsAt', bound: startsAt },
          },
        ]);
      const fields = Object.keys(changes);
      if (fields.length) await manager.update(NetworkEvent, { id }, changes);
      if (dto.issueIds) {
        await manager.delete(EventIssue, { eventId: id });
        if (dto.issueIds.length)
          await manager.insert(
            EventIssue,
            dto.issueIds.map((issueId) => ({ eventId: id, issueId })),
          );
        fields.push('issueIds');
      }
      if (dto.capacity !== undefined) await promoteWaitlist(manager, id, dto.capacity);
      if (!organiser && fields.length)
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'event.edit',
            targetType: 'event',
            targetId: id,
            details: { fields, organiserOrganisationId: event.organiserOrganisationId },
          },
          manager,
        );
    });
    return this.get(actor, id);
  }

  /** The caller takes a place, or a place in the waitlist when the event is full. */
  async register(
    actor: AuthUser,
    id: string,
  ): Promise<{ created: boolean; view: RegistrationViewDto }> {
    const created = await this.dataSource.transaction(async (manager) => {
      // The event row is the lock: two registrations for the last place queue here.
      const event = await lockEventOrFail(manager, id);
      // Focus groups are counted without names (tallies): nobody signs up by account.
      if (event.kind === 'focus_group') throw AppError.conflict('events.focusGroupNoRegistration');
      assertPlanned(event);
      const existing = await manager.findOneBy(EventRegistration, {
        eventId: id,
        userId: actor.id,
      });
      if (existing) return false;
      const { registered } = await countRegistrations(manager, id);
      const status =
        event.capacity === null || registered < event.capacity ? 'registered' : 'waitlisted';
      await manager.insert(EventRegistration, { eventId: id, userId: actor.id, status });
      return true;
    });
    if (created) this.logger.log({ event: 'event_registration', eventId: id, actorId: actor.id });
    return { created, view: await this.registrationView(id, actor.id) };
  }

  /** The caller gives up their place; the first waitlisted person takes it. */
  async unregister(actor: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const event = await lockEventOrFail(manager, id);
      const deleted = await manager.delete(EventRegistration, { eventId: id, userId: actor.id });
      if (!deleted.affected) throw AppError.notFound('registration');
      await promoteWaitlist(manager, id, event.capacity);
    });
  }

  /**
   * Lines of a paper sign-in sheet. A line whose clientRowId is stored already (a retry), or
   * whose userId is on the sheet already, is not stored again; the answer says which were.
   */
  async recordAttendance(
    actor: AuthUser,
    id: string,
    dto: RecordAttendanceDto,
  ): Promise<AttendanceResultDto> {
    const event = await this.findOrFail(id);
    const organiser = await this.assertManages(actor, event);
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    // A focus group is counted without names (PUT /tallies): no line may name anyone, and since
    // a sheet line always names someone, a focus group takes no sheet lines at all.
    const unnamed = event.kind === 'focus_group';
    dto.rows.forEach((row, i) => {
      if (unnamed) {
        if (row.name !== undefined)
          problems.push({ field: `rows.${i}.name`, key: 'events.focusGroupUnnamed' });
        if (row.userId !== undefined)
          problems.push({ field: `rows.${i}.userId`, key: 'events.focusGroupUnnamed' });
        if (row.name === undefined && row.userId === undefined)
          problems.push({ field: `rows.${i}`, key: 'events.focusGroupUnnamed' });
      } else if ((row.userId === undefined) === (row.name === undefined))
        problems.push({ field: `rows.${i}.userId`, key: 'events.userOrName' });
      if (seen.has(row.clientRowId))
        problems.push({
          field: `rows.${i}.clientRowId`,
          key: 'events.repeatedRow',
          params: { value: row.clientRowId },
        });
      seen.add(row.clientRowId);
    });
    if (problems.length) throw AppError.validation(problems);
    await this.assertReferences(dto);

    const stored = await this.dataSource.transaction(async (manager) => {
      const values = dto.rows.map((row) => ({
        eventId: id,
        clientRowId: row.clientRowId,
        userId: row.userId ?? null,
        name: row.name ?? null,
        organisationId: row.organisationId ?? null,
        gender: row.gender,
        ageBand: row.ageBand,
        territoryId: row.territoryId ?? null,
        role: row.role,
        recordedById: actor.id,
      }));
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(EventAttendance)
        .values(values)
        .orIgnore()
        .returning(['clientRowId'])
        .execute();
      const ids = (inserted.raw as { client_row_id: string }[]).map((r) => r.client_row_id);
      if (!organiser && ids.length)
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'event.attendance',
            targetType: 'event',
            targetId: id,
            details: { rows: ids.length },
          },
          manager,
        );
      return ids;
    });
    const storedSet = new Set(stored);
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM event_attendance WHERE event_id = $1',
      [id],
    );
    this.logger.log({
      event: 'event_attendance',
      eventId: id,
      stored: stored.length,
      actorId: actor.id,
    });
    return {
      stored,
      alreadyStored: dto.rows.map((r) => r.clientRowId).filter((c) => !storedSet.has(c)),
      total: n,
    };
  }

  /**
   * The organiser's view of who registered (extension, issue 13): registered first, then the
   * waitlist in its order; keyset on (status rank, created_at, user_id). Managers only (403).
   */
  async registrations(
    actor: AuthUser,
    id: string,
    query: { cursor?: string; limit?: number },
  ): Promise<Page<EventRegistrantDto>> {
    await this.assertManages(actor, await this.findOrFail(id));
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['number', 'time', 'uuid']);
    const rows = await this.dataSource.query<
      {
        user_id: string;
        display_name: string;
        status: EventRegistrantDto['status'];
        created_at: Date;
        at_key: string;
        rank: number;
        position: number | null;
      }[]
    >(
      `SELECT * FROM (
         SELECT r.user_id, u.display_name, r.status, r.created_at,
                to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key,
                CASE WHEN r.status = 'registered' THEN 0 ELSE 1 END AS rank,
                CASE WHEN r.status = 'waitlisted' THEN row_number() OVER (
                  PARTITION BY r.status ORDER BY r.created_at, r.user_id)::int END AS position
           FROM event_registrations r JOIN users u ON u.id = r.user_id
          WHERE r.event_id = $1) x
        WHERE $2::int IS NULL OR (x.rank, x.created_at, x.user_id) > ($2::int, $3::timestamptz, $4::uuid)
        ORDER BY x.rank, x.created_at, x.user_id
        LIMIT $5`,
      [id, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (r) => [r.rank, r.at_key, r.user_id],
      (r) => ({
        eventId: id,
        userId: r.user_id,
        displayName: r.display_name,
        status: r.status,
        waitlistPosition: r.position,
        createdAt: r.created_at.toISOString(),
      }),
    );
  }

  /**
   * The sign-in sheet's stored lines (extension, issue 13), in the order stored, so a phone can
   * reconcile what it typed with what the hub has. Managers only (403): lines carry names.
   */
  async attendance(
    actor: AuthUser,
    id: string,
    query: { cursor?: string; limit?: number },
  ): Promise<Page<AttendanceLineDto>> {
    await this.assertManages(actor, await this.findOrFail(id));
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const rows = await this.dataSource.query<
      {
        id: string;
        client_row_id: string;
        user_id: string | null;
        name: string | null;
        organisation_id: string | null;
        organisation_name: string | null;
        gender: AttendanceLineDto['gender'];
        age_band: AttendanceLineDto['ageBand'];
        territory_id: string | null;
        role: AttendanceLineDto['role'];
        created_at: Date;
        at_key: string;
      }[]
    >(
      `SELECT a.id, a.client_row_id, a.user_id, COALESCE(a.name, u.display_name) AS name,
              a.organisation_id, o.name AS organisation_name, a.gender, a.age_band,
              a.territory_id, a.role, a.created_at,
              to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key
         FROM event_attendance a
         LEFT JOIN users u ON u.id = a.user_id
         LEFT JOIN organisations o ON o.id = a.organisation_id
        WHERE a.event_id = $1
          AND ($2::timestamptz IS NULL OR (a.created_at, a.id) > ($2::timestamptz, $3::uuid))
        ORDER BY a.created_at, a.id
        LIMIT $4`,
      [id, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (r) => [r.at_key, r.id],
      (r) => ({
        id: r.id,
        clientRowId: r.client_row_id,
        userId: r.user_id,
        name: r.name,
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        gender: r.gender,
        ageBand: r.age_band,
        territoryId: r.territory_id,
        role: r.role,
        createdAt: r.created_at.toISOString(),
      }),
    );
  }

  /** Replaces the counts without names. */
  async putTallies(actor: AuthUser, id: string, dto: TalliesDto): Promise<TalliesViewDto> {
    const event = await this.findOrFail(id);
    const organiser = await this.assertManages(actor, event);
    const seen = new Set<string>();
    const problems: FieldProblem[] = [];
    dto.rows.forEach((row, i) => {
      const key = `${row.gender}/${row.ageBand}`;
      if (seen.has(key))
        problems.push({ field: `rows.${i}`, key: 'events.repeatedRow', params: { value: key } });
      seen.add(key);
    });
    if (problems.length) throw AppError.validation(problems);
    await this.dataSource.transaction(async (manager) => {
      await lockEventOrFail(manager, id);
      await manager.delete(EventTally, { eventId: id });
      const rows = dto.rows.filter((r) => r.count > 0);
      if (rows.length)
        await manager.insert(
          EventTally,
          rows.map((r) => ({ eventId: id, gender: r.gender, ageBand: r.ageBand, count: r.count })),
        );
      if (!organiser)
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'event.tallies',
            targetType: 'event',
            targetId: id,
            details: { total: rows.reduce((a, r) => a + r.count, 0) },
          },
          manager,
        );
    });
    const rows = await this.tallies(id);
    return { rows, total: rows.reduce((a, r) => a + r.count, 0) };
  }

  /** Minutes, findings and commitments; the event is then held. Once. */
  async close(actor: AuthUser, id: string, dto: CloseEventDto): Promise<EventViewDto> {
    const event = await this.findOrFail(id);
    const organiser = await this.assertManages(actor, event);
    if (dto.commitments?.length) {
      const owners = [...new Set(dto.commitments.map((c) => c.ownerOrganisationId))];
      const found = await this.dataSource
        .getRepository(Organisation)
        .createQueryBuilder('o')
        .select('o.id', 'id')
        .where('o.id = ANY(:ids::uuid[])', { ids: owners })
        .getRawMany<{ id: string }>();
      const known = new Set(found.map((o) => o.id));
      const problems = dto.commitments
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => !known.has(c.ownerOrganisationId))
        .map(({ i }) => ({
          field: `commitments.${i}.ownerOrganisationId`,
          key: 'field.unknownOrganisation' as const,
        }));
      if (problems.length) throw AppError.validation(problems);
    }
    await this.dataSource.transaction(async (manager) => {
      const locked = await lockEventOrFail(manager, id);
      assertPlanned(locked);
      await manager.update(
        NetworkEvent,
        { id },
        {
          status: 'held',
          minutes: { ...dto.minutes },
          findings: dto.findings ?? null,
          closedAt: new Date(),
          closedById: actor.id,
        },
      );
      if (dto.commitments?.length)
        await manager.insert(
          EventCommitment,
          dto.commitments.map((c, position) => ({
            eventId: id,
            position,
            text: c.text,
            ownerOrganisationId: c.ownerOrganisationId,
            dueAt: new Date(c.dueAt),
          })),
        );
      // The waitlist has nothing left to wait for.
      await manager.delete(EventRegistration, { eventId: id, status: 'waitlisted' });
      if (!organiser)
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'event.close',
            targetType: 'event',
            targetId: id,
            details: { commitments: dto.commitments?.length ?? 0 },
          },
          manager,
        );
    });
    this.logger.log({ event: 'event_closed', eventId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  /**
   * Attendance by gender × age band × organisation kind: the sheet's lines (by their
   * organisation's kind) plus the counts without names (kind `none`). Small cells are
   * suppressed unless the caller manages the event.
   */
  async stats(actor: AuthUser, id: string): Promise<EventStatsDto> {
    const event = await this.findOrFail(id);
    const manages = (await this.managerRole(actor, event)) !== null;
    const rows: { gender: string; age_band: string; kind: string | null; n: number }[] =
      await this.dataSource.query(
        `SELECT a.gender, a.age_band, o.kind, count(*)::int AS n
           FROM event_attendance a LEFT JOIN organisations o ON o.id = a.organisation_id
          WHERE a.event_id = $1
          GROUP BY 1, 2, 3
         UNION ALL
         SELECT gender, age_band, NULL, count FROM event_tallies WHERE event_id = $1`,
        [id],
      );
    const [{ lines }] = await this.dataSource.query<[{ lines: number }]>(
      'SELECT count(*)::int AS lines FROM event_attendance WHERE event_id = $1',
      [id],
    );
    const G = GENDERS.length;
    const A = AGE_BANDS.length;
    const K = STATS_ORGANISATION_KINDS.length;
    const cube = new Array<number>(G * A * K).fill(0);
    for (const r of rows) {
      const g = GENDERS.indexOf(r.gender as never);
      const a = AGE_BANDS.indexOf(r.age_band as never);
      const k = STATS_ORGANISATION_KINDS.indexOf((r.kind ?? 'none') as StatsOrganisationKind);
      cube[(g * A + a) * K + k] += r.n;
    }
    const total = cube.reduce((x, y) => x + y, 0);
    const min = event.minCellSize;
    // A base under the minimum is withheld from those who do not manage the event: no cells.
    if (!manages && total >= 1 && total < min)
      return {
        eventId: id,
        minCellSize: min,
        suppressionApplied: true,
        total: null,
        attendanceRows: null,
        cells: [],
        byGender: [],
        byAgeBand: [],
        byOrganisationKind: [],
      };
    const mark = (counts: number[], lines: number[][]) =>
      manages ? counts.map(() => null) : suppressCells(counts, lines, min);
    const cell = (count: number, s: Suppression | null, at: Partial<StatsCellDto>): StatsCellDto =>
      s ? { ...at, count: null, suppressed: s } : { ...at, count };

    const cubeMarks = mark(cube, cubeLines([G, A, K]));
    const cells: StatsCellDto[] = [];
    cube.forEach((count, i) => {
      if (count === 0 && !cubeMarks[i]) return;
      const k = i % K;
      const a = Math.floor(i / K) % A;
      const g = Math.floor(i / (K * A));
      cells.push(
        cell(count, cubeMarks[i], {
          gender: GENDERS[g],
          ageBand: AGE_BANDS[a],
          organisationKind: STATS_ORGANISATION_KINDS[k],
        }),
      );
    });
    const margin = <T extends string>(
      values: readonly T[],
      of: (g: number, a: number, k: number) => number,
      field: 'gender' | 'ageBand' | 'organisationKind',
    ): StatsCellDto[] => {
      const counts = values.map(() => 0);
      cube.forEach((count, i) => {
        const k = i % K;
        const a = Math.floor(i / K) % A;
        const g = Math.floor(i / (K * A));
        counts[of(g, a, k)] += count;
      });
      const marks = mark(counts, [counts.map((_, i) => i)]);
      return values
        .map((value, i) => ({ value, i }))
        .filter(({ i }) => counts[i] > 0 || marks[i])
        .map(({ value, i }) => cell(counts[i], marks[i], { [field]: value }));
    };
    return {
      eventId: id,
      minCellSize: min,
      suppressionApplied: !manages,
      total,
      // The number of named lines is a cell too.
      attendanceRows: !manages && lines >= 1 && lines < min ? null : lines,
      cells,
      byGender: margin(GENDERS, (g) => g, 'gender'),
      byAgeBand: margin(AGE_BANDS, (_g, a) => a, 'ageBand'),
      byOrganisationKind: margin(STATS_ORGANISATION_KINDS, (_g, _a, k) => k, 'organisationKind'),
    };
  }

  /** For findings: events by id that exist (the others are unknown). */
  async existing(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM events WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * For findings: these events as evidence, in the order given (unknown ids left out). The
   * participant count follows the statistics' rule: under the minimum cell size it is shown
   * only to the organiser and staff.
   */
  async evidenceOf(actor: AuthUser, ids: string[]): Promise<EventEvidenceDto[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.query<
      {
        id: string;
        kind: EventKind;
        title: EventEvidenceDto['title'];
        focus_group: EventEvidenceDto['group'];
        place: string | null;
        starts_at: Date;
        territory_id: string;
        status: EventEvidenceDto['status'];
        findings: string | null;
        min_cell_size: number;
        manages: boolean;
        participants: number;
      }[]
    >(
      `SELECT e.id, e.kind, e.title, e.focus_group, e.place, e.starts_at, e.territory_id, e.status,
              e.findings, e.min_cell_size,
              (e.created_by = $2 OR EXISTS (
                 SELECT 1 FROM organisation_members m
                  WHERE m.organisation_id = e.organiser_organisation_id AND m.user_id = $2
                    AND m.role = 'representative')) AS manages,
              (SELECT count(*) FROM event_attendance a WHERE a.event_id = e.id)::int
                + (SELECT coalesce(sum(count), 0) FROM event_tallies t WHERE t.event_id = e.id)::int
                AS participants
         FROM events e WHERE e.id = ANY($1::uuid[])`,
      [ids, actor.id],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids
      .map((id) => byId.get(id))
      .filter((r) => r !== undefined)
      .map((r) => {
        const shown =
          isStaff(actor) || r.manages || r.participants === 0 || r.participants >= r.min_cell_size;
        return {
          id: r.id,
          kind: r.kind,
          title: r.title,
          group: r.focus_group,
          place: r.place,
          startsAt: r.starts_at.toISOString(),
          territoryId: r.territory_id,
          status: r.status,
          findings: r.findings,
          participants: shown ? r.participants : null,
        };
      });
  }

  /** Who manages: null for someone who does not, else why (organiser, or staff). */
  async managerRole(actor: AuthUser, event: NetworkEvent): Promise<'organiser' | 'staff' | null> {
    if (event.createdById === actor.id) return 'organiser';
    if (event.organiserOrganisationId) {
      const rows: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM organisation_members
          WHERE organisation_id = $1 AND user_id = $2 AND role = 'representative'`,
        [event.organiserOrganisationId, actor.id],
      );
      if (rows.length) return 'organiser';
    }
    return isStaff(actor) ? 'staff' : null;
  }

  /** 403 for someone who may not manage; true when the caller is the organiser. */
  private async assertManages(actor: AuthUser, event: NetworkEvent): Promise<boolean> {
    const role = await this.managerRole(actor, event);
    if (!role) throw AppError.forbidden('events.onlyOrganiser');
    return role === 'organiser';
  }

  /**
   * Staff may organise for any organisation or none; anyone else only for an organisation with
   * networkStatus member that they represent.
   */
  private async assertMayOrganise(actor: AuthUser, organisationId?: string): Promise<void> {
    if (organisationId) {
      const organisation = await this.dataSource
        .getRepository(Organisation)
        .findOneBy({ id: organisationId });
      if (!organisation)
        throw AppError.validation([
          { field: 'organiserOrganisationId', key: 'field.unknownOrganisation' },
        ]);
      if (isStaff(actor)) return;
      if (organisation.networkStatus !== 'member')
        throw AppError.forbidden('events.createForbidden');
      const rows: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM organisation_members
          WHERE organisation_id = $1 AND user_id = $2 AND role = 'representative'`,
        [organisationId, actor.id],
      );
      if (!rows.length) throw AppError.forbidden('events.createForbidden');
      return;
    }
    if (!isStaff(actor)) throw AppError.forbidden('events.createForbidden');
  }

  /** Users, organisations and territories named on the sheet must exist. */
  private async assertReferences(dto: RecordAttendanceDto): Promise<void> {
    const ids = (pick: (r: RecordAttendanceDto['rows'][number]) => string | undefined) => [
      ...new Set(dto.rows.map(pick).filter((v): v is string => v !== undefined)),
    ];
    const known = async (table: string, values: string[]) => {
      if (!values.length) return new Set<string>();
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`,
        [values],
      );
      return new Set(rows.map((r) => r.id));
    };
    const [users, organisations, territories] = await Promise.all([
      known(
        'users',
        ids((r) => r.userId),
      ),
      known(
        'organisations',
        ids((r) => r.organisationId),
      ),
      known(
        'territories',
        ids((r) => r.territoryId),
      ),
    ]);
    const problems: FieldProblem[] = [];
    dto.rows.forEach((row, i) => {
      if (row.userId && !users.has(row.userId))
        problems.push({ field: `rows.${i}.userId`, key: 'field.unknownUserIn' });
      if (row.organisationId && !organisations.has(row.organisationId))
        problems.push({ field: `rows.${i}.organisationId`, key: 'field.unknownOrganisation' });
      if (row.territoryId && !territories.has(row.territoryId))
        problems.push({ field: `rows.${i}.territoryId`, key: 'field.unknownTerritory' });
    });
    if (problems.length) throw AppError.validation(problems);
  }

  private async findOrFail(id: string): Promise<NetworkEvent> {
    const event = await this.dataSource.getRepository(NetworkEvent).findOneBy({ id });
    if (!event) throw AppError.notFound('networkEvent');
    return event;
  }

  private async tallies(id: string): Promise<TalliesViewDto['rows']> {
    const rows = await this.dataSource.getRepository(EventTally).findBy({ eventId: id });
    return rows
      .map((r) => ({ gender: r.gender, ageBand: r.ageBand, count: r.count }))
      .sort(
        (x, y) =>
          GENDERS.indexOf(x.gender) - GENDERS.indexOf(y.gender) ||
          AGE_BANDS.indexOf(x.ageBand) - AGE_BANDS.indexOf(y.ageBand),
      );
  }

  private async registrationView(eventId: string, userId: string): Promise<RegistrationViewDto> {
    const [row] = await this.dataSource.query<
      { status: RegistrationViewDto['status']; created_at: Date; position: number | null }[]
    >(
      `SELECT r.status, r.created_at,
              CASE WHEN r.status = 'waitlisted' THEN (
                SELECT count(*)::int FROM event_registrations w
                 WHERE w.event_id = r.event_id AND w.status = 'waitlisted'
                   AND (w.created_at, w.user_id) <= (r.created_at, r.user_id)) END AS position
         FROM event_registrations r WHERE r.event_id = $1 AND r.user_id = $2`,
      [eventId, userId],
    );
    if (!row) throw AppError.notFound('registration');
    return {
      eventId,
      userId,
      status: row.status,
      waitlistPosition: row.position,
      createdAt: row.created_at.toISOString(),
    };
  }

  /** Views of a page of events in a fixed number of queries whatever its size. */
  private async views(actor: AuthUser, events: NetworkEvent[]): Promise<EventViewDto[]> {
    if (!events.length) return [];
    const ids = events.map((e) => e.id);
    const [counts, mine, issues, organisers, commitments, tallies, represented] = await Promise.all(
      [
        this.dataSource.query<({ event_id: string } & Counts)[]>(
          `SELECT event_id, count(*) FILTER (WHERE status = 'registered')::int AS registered,
                count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
           FROM event_registrations WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
          [ids],
        ),
        this.dataSource.query<{ event_id: string; status: RegistrationViewDto['status'] }[]>(
          'SELECT event_id, status FROM event_registrations WHERE event_id = ANY($1::uuid[]) AND user_id = $2',
          [ids, actor.id],
        ),
        this.dataSource.query<{ event_id: string; issue_id: string }[]>(
          'SELECT event_id, issue_id FROM event_issues WHERE event_id = ANY($1::uuid[]) ORDER BY issue_id',
          [ids],
        ),
        this.dataSource.query<{ id: string; name: string }[]>(
          `SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`,
          [events.map((e) => e.organiserOrganisationId).filter((v) => v !== null)],
        ),
        this.dataSource.query<
          {
            id: string;
            event_id: string;
            text: string;
            owner_organisation_id: string;
            owner_name: string;
            due_at: Date;
          }[]
        >(
          `SELECT c.id, c.event_id, c.text, c.owner_organisation_id, o.name AS owner_name, c.due_at
           FROM event_commitments c JOIN organisations o ON o.id = c.owner_organisation_id
          WHERE c.event_id = ANY($1::uuid[]) ORDER BY c.event_id, c.position`,
          [ids],
        ),
        this.dataSource
          .getRepository(EventTally)
          .createQueryBuilder('t')
          .where('t.event_id = ANY(:ids::uuid[])', { ids })
          .getMany(),
        this.dataSource.query<{ organisation_id: string }[]>(
          `SELECT organisation_id FROM organisation_members WHERE user_id = $1 AND role = 'representative'`,
          [actor.id],
        ),
      ],
    );
    const reps = new Set(represented.map((r) => r.organisation_id));
    const group = <R extends { event_id: string }>(rows: R[]) => {
      const map = new Map<string, R[]>();
      for (const r of rows) map.set(r.event_id, [...(map.get(r.event_id) ?? []), r]);
      return map;
    };
    const countsOf = new Map(counts.map((c) => [c.event_id, c]));
    const mineOf = new Map(mine.map((m) => [m.event_id, m.status]));
    const issuesOf = group(issues);
    const commitmentsOf = group(commitments);
    const talliesOf = group(tallies.map((t) => ({ ...t, event_id: t.eventId })));
    const names = new Map(organisers.map((o) => [o.id, o.name]));
    return events.map((e) => {
      const canManage =
        isStaff(actor) ||
        e.createdById === actor.id ||
        (e.organiserOrganisationId !== null && reps.has(e.organiserOrganisationId));
      return {
        id: e.id,
        kind: e.kind,
        title: e.title,
        startsAt: e.startsAt.toISOString(),
        endsAt: e.endsAt ? e.endsAt.toISOString() : null,
        territoryId: e.territoryId,
        place: e.place,
        organiserOrganisationId: e.organiserOrganisationId,
        organiserName: e.organiserOrganisationId
          ? (names.get(e.organiserOrganisationId) ?? null)
          : null,
        issueIds: (issuesOf.get(e.id) ?? []).map((r) => r.issue_id),
        capacity: e.capacity,
        language: e.language,
        group: e.group,
        minCellSize: e.minCellSize,
        status: e.status,
        registeredCount: countsOf.get(e.id)?.registered ?? 0,
        waitlistedCount: countsOf.get(e.id)?.waitlisted ?? 0,
        myRegistration: mineOf.get(e.id) ?? null,
        canManage,
        minutes: e.minutes,
        findings: e.findings,
        commitments: (commitmentsOf.get(e.id) ?? []).map((c) => ({
          id: c.id,
          text: c.text,
          ownerOrganisationId: c.owner_organisation_id,
          ownerName: c.owner_name,
          dueAt: c.due_at.toISOString(),
        })),
        // Raw counts hold small cells: only for those who manage; others read the statistics.
        tallies: (canManage ? (talliesOf.get(e.id) ?? []) : [])
          .map((t) => ({ gender: t.gender, ageBand: t.ageBand, count: t.count }))
          .sort(
            (x, y) =>
              GENDERS.indexOf(x.gender) - GENDERS.indexOf(y.gender) ||
              AGE_BANDS.indexOf(x.ageBand) - AGE_BANDS.indexOf(y.ageBand),
          ),
        closedAt: e.closedAt ? e.closedAt.toISOString() : null,
        createdById: e.createdById,
        createdAt: e.createdAt.toISOString(),
        updatedAt: e.updatedAt.toISOString(),
      };
    });
  }
}

async function lockEventOrFail(manager: EntityManager, id: string): Promise<NetworkEvent> {
  const event = await manager.findOne(NetworkEvent, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!event) throw AppError.notFound('networkEvent');
  return event;
}

function assertPlanned(event: NetworkEvent): void {
  if (event.status === 'held')
    throw AppError.conflict('events.alreadyHeld', {
      closedAt: event.closedAt ? event.closedAt.toISOString() : '',
    });
}

async function countRegistrations(manager: EntityManager, eventId: string): Promise<Counts> {
  const [row] = await manager.query<[Counts]>(
    `SELECT count(*) FILTER (WHERE status = 'registered')::int AS registered,
            count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
       FROM event_registrations WHERE event_id = $1`,
    [eventId],
  );
  return row;
}

/** Moves the first waitlisted people (in order of registration) into free places. */
async function promoteWaitlist(
  manager: EntityManager,
  eventId: string,
  capacity: number | null,
): Promise<void> {
  const { registered } = await countRegistrations(manager, eventId);
  const free = capacity === null ? null : capacity - registered;
  if (free !== null && free <= 0) return;
  await manager.query(
    `UPDATE event_registrations SET status = 'registered'
      WHERE event_id = $1 AND user_id IN (
        SELECT user_id FROM event_registrations
         WHERE event_id = $1 AND status = 'waitlisted'
         ORDER BY created_at, user_id
         ${free === null ? '' : 'LIMIT $2'})`,
    free === null ? [eventId] : [eventId, free],
  );
}
