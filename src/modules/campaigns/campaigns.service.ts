import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError, type FieldProblem } from '../../common/errors/app-error.js';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { missingProvisions } from '../legal/provision-lookup.js';
import { Organisation } from '../organisations/organisation.entity.js';
import {
  CampaignPublication,
  CampaignPublicationProvision,
} from './campaign-publication.entity.js';
import { CampaignReach } from './campaign-reach.entity.js';
import { Campaign, CampaignProvision } from './campaign.entity.js';
import type {
  CampaignPageDto,
  CampaignsQueryDto,
  CampaignViewDto,
  CreateCampaignDto,
  CreatePublicationDto,
  CreateReachDto,
  GenderCountsDto,
  PublicationViewDto,
  ReachPageDto,
  ReachQueryDto,
  ReachSummaryDto,
  ReachViewDto,
} from './dto/campaign.dto.js';
import { reachGroups, territoryInfo } from './reach-query.js';
import { kyrgyzDay, periodDays, reachHash, summarise } from './reach-rules.js';

/**
 * Information campaigns (issue 13): campaigns, their publications per language and audience
 * (approved by a facilitator before they count) and the reach log the organisations keep.
 * Every signed-in member reads campaigns and their summaries; see docs/campaigns.md for who
 * writes what.
 */
@Injectable()
export class CampaignsService {
  private readonly logger = new Logger(CampaignsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ---- campaigns ----

  async create(actor: AuthUser, dto: CreateCampaignDto): Promise<CampaignViewDto> {
    await this.assertMayRun(actor, dto.organisationId);
    const problems: FieldProblem[] = [];
    if (Date.parse(dto.endsAt) <= Date.parse(dto.startsAt))
      problems.push({ field: 'endsAt', key: 'campaigns.endsAfterStarts' });
    if (dto.strategyId && !(await this.strategyExists(dto.strategyId)))
      problems.push({ field: 'strategyId', key: 'campaigns.unknownStrategy' });
    if (problems.length) throw AppError.validation(problems);
    const id = await this.dataSource.transaction(async (manager) => {
      await this.assertProvisions(manager, dto.provisionIds);
      const campaign = await manager.save(
        manager.create(Campaign, {
          title: { ...dto.title },
          objective: { ...dto.objective },
          startsAt: new Date(dto.startsAt),
          endsAt: new Date(dto.endsAt),
          strategyId: dto.strategyId ?? null,
          organisationId: dto.organisationId ?? null,
          createdById: actor.id,
        }),
      );
      if (dto.provisionIds?.length)
        await manager.insert(
          CampaignProvision,
          dto.provisionIds.map((provisionId) => ({ campaignId: campaign.id, provisionId })),
        );
      return campaign.id;
    });
    this.logger.log({ event: 'campaign_created', campaignId: id, actorId: actor.id });
    return this.get(actor, id);
  }

  async get(actor: AuthUser, id: string): Promise<CampaignViewDto> {
    const campaign = await this.findOrFail(id);
    const [view] = await this.views(actor, [campaign]);
    const [publications, split] = await Promise.all([
      this.publicationViews({ campaignId: id }),
      this.dataSource.query<({ estimated: boolean } & Record<string, string>)[]>(
        `SELECT r.estimated, sum(r.female)::bigint AS female, sum(r.male)::bigint AS male,
                sum(r.undisclosed)::bigint AS undisclosed
           FROM campaign_reach r LEFT JOIN campaign_publications p ON p.id = r.publication_id
          WHERE r.campaign_id = $1 AND (r.publication_id IS NULL OR p.approved_at IS NOT NULL)
          GROUP BY r.estimated`,
        [id],
      ),
    ]);
    const of = (estimated: boolean) => counts(split.find((s) => s.estimated === estimated));
    return { ...view, publications, reachCounted: of(false), reachEstimated: of(true) };
  }

  /** Latest start first; keyset on (starts_at, id). */
  async list(actor: AuthUser, query: CampaignsQueryDto): Promise<CampaignPageDto> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(Campaign)
      .createQueryBuilder('c')
      .orderBy('c.starts_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1);
    if (query.organisationId)
      qb.andWhere('c.organisation_id = :org', { org: query.organisationId });
    if (query.strategyId) qb.andWhere('c.strategy_id = :strategy', { strategy: query.strategyId });
    if (query.from) qb.andWhere('c.ends_at > :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('c.starts_at < :to', { to: new Date(query.to) });
    if (after)
      qb.andWhere('(c.starts_at, c.id) < (:startsBefore::timestamptz, :idBefore::uuid)', {
        startsBefore: after[0],
        idBefore: after[1],
      });
    const page = toPage(
      await qb.getMany(),
      limit,
      (c) => [c.startsAt.toISOString(), c.id],
      (c) => c,
    );
    return { ...page, items: await this.views(actor, page.items) };
  }

  // ---- publications ----

  /** Facilitators, admins and the campaign's owners; staff on another's campaign are audited. */
  async addPublication(
    actor: AuthUser,
    campaignId: string,
    dto: CreatePublicationDto,
  ): Promise<PublicationViewDto> {
    const campaign = await this.findOrFail(campaignId);
    const role = await this.ownerRole(actor, campaign);
    if (!role) throw AppError.forbidden('campaigns.onlyOwners');
    const id = await this.dataSource.transaction(async (manager) => {
      await this.assertProvisions(manager, dto.provisionIds);
      const publication = await manager.save(
        manager.create(CampaignPublication, {
          campaignId,
          kind: dto.kind,
          language: dto.language,
          title: dto.title,
          body: dto.body ?? null,
          audiences: [...dto.audiences],
          approvedAt: null,
          approvedById: null,
          createdById: actor.id,
        }),
      );
      if (dto.provisionIds?.length)
        await manager.insert(
          CampaignPublicationProvision,
          dto.provisionIds.map((provisionId) => ({ publicationId: publication.id, provisionId })),
        );
      if (role === 'staff')
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'campaign.publication',
            targetType: 'campaign',
            targetId: campaignId,
            details: { publicationId: publication.id, language: dto.language },
          },
          manager,
        );
      return publication.id;
    });
    this.logger.log({ event: 'campaign_publication', campaignId, publicationId: id });
    const [view] = await this.publicationViews({ id });
    return view;
  }

  /** Facilitators and admins, audited. Approving an approved publication changes nothing. */
  async approve(actor: AuthUser, id: string): Promise<PublicationViewDto> {
    const exists = await this.dataSource.getRepository(CampaignPublication).existsBy({ id });
    if (!exists) throw AppError.notFound('publication');
    if (!isStaff(actor)) throw AppError.forbidden('campaigns.onlyStaffApprove');
    await this.dataSource.transaction(async (manager) => {
      const done = await manager.query<{ campaign_id: string }[]>(
        `UPDATE campaign_publications SET approved_at = now(), approved_by = $2
          WHERE id = $1 AND approved_at IS NULL RETURNING campaign_id`,
        [id, actor.id],
      );
      // node-postgres answers UPDATE … RETURNING as [rows, count] through TypeORM.
      const rows = (Array.isArray(done[0]) ? done[0] : done) as { campaign_id: string }[];
      if (rows.length)
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'campaign.publication_approve',
            targetType: 'campaign_publication',
            targetId: id,
            details: { campaignId: rows[0].campaign_id },
          },
          manager,
        );
    });
    const [view] = await this.publicationViews({ id });
    return view;
  }

  // ---- reach ----

  /**
   * A line of the reach log. 201 the first time; the same clientRowId with the same content:
   * 200 with the stored row, nothing stored; with other content: 409.
   */
  async addReach(
    actor: AuthUser,
    campaignId: string,
    dto: CreateReachDto,
  ): Promise<{ created: boolean; view: ReachViewDto }> {
    const campaign = await this.findOrFail(campaignId);
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneBy({ id: dto.organisationId });
    if (!organisation)
      throw AppError.validation([{ field: 'organisationId', key: 'field.unknownOrganisation' }]);
    const member = await this.isMember(actor.id, dto.organisationId);
    if (!member && !isStaff(actor)) throw AppError.forbidden('campaigns.notYourOrganisation');
    const hash = reachHash({
      campaignId,
      date: dto.date,
      territoryId: dto.territoryId,
      channel: dto.channel,
      publicationId: dto.publicationId ?? null,
      audience: dto.audience,
      female: dto.female,
      male: dto.male,
      undisclosed: dto.undisclosed,
      estimated: dto.estimated,
      organisationId: dto.organisationId,
    });
    // A replay is answered before the rest is checked again.
    const existing = await this.reachRow(this.dataSource.manager, dto.clientRowId);
    if (existing) return { created: false, view: this.replay(existing, hash) };
    await this.assertReach(campaign, dto);

    const outcome = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(CampaignReach)
        .values({
          campaignId,
          clientRowId: dto.clientRowId,
          date: dto.date,
          territoryId: dto.territoryId,
          channel: dto.channel,
          publicationId: dto.publicationId ?? null,
          audience: dto.audience,
          female: dto.female,
          male: dto.male,
          undisclosed: dto.undisclosed,
          estimated: dto.estimated,
          organisationId: dto.organisationId,
          contentHash: hash,
          enteredById: actor.id,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const row = await this.reachRow(manager, dto.clientRowId);
      if (!row) throw AppError.conflict('campaigns.clientRowIdTaken', { id: dto.clientRowId });
      if (!(inserted.raw as unknown[]).length) return { created: false, row };
      if (!member)
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'campaign.reach',
            targetType: 'campaign',
            targetId: campaignId,
            details: { reachId: row.id, organisationId: dto.organisationId },
          },
          manager,
        );
      return { created: true, row };
    });
    if (!outcome.created) return { created: false, view: this.replay(outcome.row, hash) };
    this.logger.log({
      event: 'campaign_reach',
      campaignId,
      reachId: outcome.row.id,
      actorId: actor.id,
    });
    return { created: true, view: reachView(outcome.row) };
  }

  /**
   * The log, oldest first. Staff and the campaign's owners read every row; others the rows of
   * the organisations they belong to (what their phone needs to reconcile).
   */
  async listReach(
    actor: AuthUser,
    campaignId: string,
    query: ReachQueryDto,
  ): Promise<ReachPageDto> {
    const campaign = await this.findOrFail(campaignId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(CampaignReach)
      .createQueryBuilder('r')
      .where('r.campaign_id = :campaignId', { campaignId })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit + 1);
    if (!(await this.ownerRole(actor, campaign)))
      qb.andWhere(
        'r.organisation_id IN (SELECT organisation_id FROM organisation_members WHERE user_id = :me)',
        { me: actor.id },
      );
    if (query.organisationId)
      qb.andWhere('r.organisation_id = :org', { org: query.organisationId });
    if (after)
      qb.andWhere('(r.created_at, r.id) > (:createdAfter::timestamptz, :idAfter::uuid)', {
        createdAfter: after[0],
        idAfter: after[1],
      });
    return toPage(await qb.getMany(), limit, (r) => [r.createdAt.toISOString(), r.id], reachView);
  }

  /** By language, territory (aiyl aimak), audience and gender; counted and estimated apart. */
  async summary(actor: AuthUser, campaignId: string): Promise<ReachSummaryDto> {
    await this.findOrFail(campaignId);
    const manager = this.dataSource.manager;
    const [groups, approved] = await Promise.all([
      reachGroups(manager, { campaignIds: [campaignId] }),
      manager.query<{ language: string; n: number }[]>(
        `SELECT language, count(*)::int AS n FROM campaign_publications
          WHERE campaign_id = $1 AND approved_at IS NOT NULL GROUP BY language`,
        [campaignId],
      ),
    ]);
    const places = await territoryInfo(manager, [...new Set(groups.map((g) => g.territoryId))]);
    const summary = summarise(
      groups,
      places,
      Object.fromEntries(approved.map((a) => [a.language, a.n])),
    );
    return { campaignId, ...summary } as unknown as ReachSummaryDto;
  }

  // ---- helpers ----

  /** Who may add publications: its creator or its organisation's representatives, or staff. */
  private async ownerRole(actor: AuthUser, campaign: Campaign): Promise<'owner' | 'staff' | null> {
    if (campaign.createdById === actor.id) return 'owner';
    if (campaign.organisationId && (await this.represents(actor.id, campaign.organisationId)))
      return 'owner';
    return isStaff(actor) ? 'staff' : null;
  }

  /**
   * Staff may run a campaign for any organisation or none; anyone else only for an
   * organisation with networkStatus member that they represent.
   */
  private async assertMayRun(actor: AuthUser, organisationId?: string): Promise<void> {
    if (organisationId) {
      const organisation = await this.dataSource
        .getRepository(Organisation)
        .findOneBy({ id: organisationId });
      if (!organisation)
        throw AppError.validation([{ field: 'organisationId', key: 'field.unknownOrganisation' }]);
      if (isStaff(actor)) return;
      if (
        organisation.networkStatus !== 'member' ||
        !(await this.represents(actor.id, organisationId))
      )
        throw AppError.forbidden('campaigns.createForbidden');
      return;
    }
    if (!isStaff(actor)) throw AppError.forbidden('campaigns.createForbidden');
  }

  private async represents(userId: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM organisation_members
        WHERE organisation_id = $1 AND user_id = $2 AND role = 'representative'`,
      [organisationId, userId],
    );
    return rows.length > 0;
  }

  private async isMember(userId: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM organisation_members WHERE organisation_id = $1 AND user_id = $2',
      [organisationId, userId],
    );
    return rows.length > 0;
  }

  /**
   * The strategies module is built in parallel (issue 13): until its table exists, no strategy
   * is known (400). The id is stored without a foreign key.
   */
  private async strategyExists(id: string): Promise<boolean> {
    const [{ exists }] = await this.dataSource.query<{ exists: boolean }[]>(
      "SELECT to_regclass('strategies') IS NOT NULL AS exists",
    );
    if (!exists) return false;
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM strategies WHERE id = $1', [
      id,
    ]);
    return rows.length > 0;
  }

  private async assertProvisions(manager: EntityManager, ids?: string[]): Promise<void> {
    if (!ids?.length) return;
    const missing = new Set(await missingProvisions(manager, ids));
    const problems = ids
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => missing.has(id))
      .map(({ i }) => ({ field: `provisionIds.${i}`, key: 'campaigns.unknownProvision' as const }));
    if (problems.length) throw AppError.validation(problems);
  }

  /** The territory exists, the day is in the campaign's period and not ahead, the publication is its own and approved, someone was reached. */
  private async assertReach(campaign: Campaign, dto: CreateReachDto): Promise<void> {
    const problems: FieldProblem[] = [];
    const { first, last } = periodDays(campaign.startsAt, campaign.endsAt);
    if (dto.date < first || dto.date > last)
      problems.push({ field: 'date', key: 'campaigns.dateOutsidePeriod', params: { first, last } });
    else if (dto.date > kyrgyzDay(new Date()))
      problems.push({ field: 'date', key: 'field.notInFuture' });
    if (dto.female + dto.male + dto.undisclosed === 0)
      problems.push({ field: 'female', key: 'campaigns.nobodyReached' });
    const [territory] = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM territories WHERE id = $1',
      [dto.territoryId],
    );
    if (!territory) problems.push({ field: 'territoryId', key: 'field.unknownTerritory' });
    if (dto.publicationId) {
      const publication = await this.dataSource
        .getRepository(CampaignPublication)
        .findOneBy({ id: dto.publicationId });
      if (!publication || publication.campaignId !== campaign.id)
        problems.push({ field: 'publicationId', key: 'campaigns.publicationNotInCampaign' });
      else if (!publication.approvedAt)
        problems.push({ field: 'publicationId', key: 'campaigns.publicationNotApproved' });
    }
    if (problems.length) throw AppError.validation(problems);
  }

  private replay(row: CampaignReach, hash: string): ReachViewDto {
    if (row.contentHash !== hash)
      throw AppError.conflict('campaigns.clientRowIdTaken', { id: row.clientRowId });
    return reachView(row);
  }

  private reachRow(manager: EntityManager, clientRowId: string): Promise<CampaignReach | null> {
    return manager.getRepository(CampaignReach).findOneBy({ clientRowId });
  }

  private async findOrFail(id: string): Promise<Campaign> {
    const campaign = await this.dataSource.getRepository(Campaign).findOneBy({ id });
    if (!campaign) throw AppError.notFound('campaign');
    return campaign;
  }

  private async publicationViews(
    where: { id: string } | { campaignId: string },
  ): Promise<PublicationViewDto[]> {
    const rows = await this.dataSource.getRepository(CampaignPublication).find({
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    if (!rows.length) return [];
    const links = await this.dataSource.query<{ publication_id: string; provision_id: string }[]>(
      `SELECT publication_id, provision_id FROM campaign_publication_provisions
        WHERE publication_id = ANY($1::uuid[]) ORDER BY provision_id`,
      [rows.map((r) => r.id)],
    );
    return rows.map((p) => ({
      id: p.id,
      campaignId: p.campaignId,
      kind: p.kind,
      language: p.language,
      title: p.title,
      body: p.body,
      audiences: p.audiences,
      provisionIds: links.filter((l) => l.publication_id === p.id).map((l) => l.provision_id),
      approved: p.approvedAt !== null,
      approvedAt: p.approvedAt ? p.approvedAt.toISOString() : null,
      approvedById: p.approvedById,
      createdById: p.createdById,
      createdAt: p.createdAt.toISOString(),
    }));
  }

  /** Views of a page of campaigns in a fixed number of queries whatever its size. */
  private async views(actor: AuthUser, campaigns: Campaign[]): Promise<CampaignViewDto[]> {
    if (!campaigns.length) return [];
    const ids = campaigns.map((c) => c.id);
    const [provisions, organisations, publications, reach, represented] = await Promise.all([
      this.dataSource.query<{ campaign_id: string; provision_id: string }[]>(
        `SELECT campaign_id, provision_id FROM campaign_provisions
          WHERE campaign_id = ANY($1::uuid[]) ORDER BY provision_id`,
        [ids],
      ),
      this.dataSource.query<{ id: string; name: string }[]>(
        'SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])',
        [campaigns.map((c) => c.organisationId).filter((v) => v !== null)],
      ),
      this.dataSource.query<{ campaign_id: string; total: number; approved: number }[]>(
        `SELECT campaign_id, count(*)::int AS total,
                count(*) FILTER (WHERE approved_at IS NOT NULL)::int AS approved
           FROM campaign_publications WHERE campaign_id = ANY($1::uuid[]) GROUP BY campaign_id`,
        [ids],
      ),
      this.dataSource.query<({ campaign_id: string } & Record<string, string>)[]>(
        `SELECT r.campaign_id, sum(r.female)::bigint AS female, sum(r.male)::bigint AS male,
                sum(r.undisclosed)::bigint AS undisclosed
           FROM campaign_reach r LEFT JOIN campaign_publications p ON p.id = r.publication_id
          WHERE r.campaign_id = ANY($1::uuid[])
            AND (r.publication_id IS NULL OR p.approved_at IS NOT NULL)
          GROUP BY r.campaign_id`,
        [ids],
      ),
      this.dataSource.query<{ organisation_id: string }[]>(
        `SELECT organisation_id FROM organisation_members WHERE user_id = $1 AND role = 'representative'`,
        [actor.id],
      ),
    ]);
    const reps = new Set(represented.map((r) => r.organisation_id));
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    return campaigns.map((c) => {
      const pub = publications.find((p) => p.campaign_id === c.id);
      return {
        id: c.id,
        title: c.title,
        objective: c.objective,
        startsAt: c.startsAt.toISOString(),
        endsAt: c.endsAt.toISOString(),
        strategyId: c.strategyId,
        provisionIds: provisions.filter((p) => p.campaign_id === c.id).map((p) => p.provision_id),
        organisationId: c.organisationId,
        organisationName: c.organisationId ? (names.get(c.organisationId) ?? null) : null,
        canManage:
          isStaff(actor) ||
          c.createdById === actor.id ||
          (c.organisationId !== null && reps.has(c.organisationId)),
        publicationCount: pub?.total ?? 0,
        approvedCount: pub?.approved ?? 0,
        reach: counts(reach.find((r) => r.campaign_id === c.id)),
        createdById: c.createdById,
        createdAt: c.createdAt.toISOString(),
      };
    });
  }
}

function counts(row: Record<string, unknown> | undefined): GenderCountsDto {
  const female = Number(row?.female ?? 0);
  const male = Number(row?.male ?? 0);
  const undisclosed = Number(row?.undisclosed ?? 0);
  return { female, male, undisclosed, total: female + male + undisclosed };
}

function reachView(r: CampaignReach): ReachViewDto {
  return {
    id: r.id,
    campaignId: r.campaignId,
    clientRowId: r.clientRowId,
    date: r.date,
    territoryId: r.territoryId,
    channel: r.channel,
    publicationId: r.publicationId,
    audience: r.audience,
    female: r.female,
    male: r.male,
    undisclosed: r.undisclosed,
    total: r.female + r.male + r.undisclosed,
    estimated: r.estimated,
    organisationId: r.organisationId,
    enteredById: r.enteredById,
    createdAt: r.createdAt.toISOString(),
  };
}
