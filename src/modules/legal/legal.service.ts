import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError, type FieldProblem } from '../../common/errors/app-error.js';
import type { Language } from '../../common/languages.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { IssuesService } from '../issues/issues.service.js';
import { keyContains } from '../search/search-sql.js';
import { SearchTermsService } from '../search/search-terms.service.js';
import type {
  CreateIssueLinkDto,
  CreateLegalActDto,
  CreateProvisionDto,
  DecideIssueLinkDto,
  ImportLegalActDto,
  ImportResultDto,
  IssueLinkViewDto,
  LegalActsQueryDto,
  LegalActSummaryDto,
  LegalActViewDto,
  LegalBasisDto,
  ProvisionNodeDto,
  ProvisionRefDto,
  ProvisionSearchItemDto,
  ProvisionSearchQueryDto,
  ProvisionViewDto,
  UpdateLegalActDto,
} from './dto/legal.dto.js';
import { LegalAct } from './legal-act.entity.js';
import { LegalIssueLink } from './legal-issue-link.entity.js';
import { LegalProvision } from './legal-provision.entity.js';
import type { LinkStatus } from './legal.enums.js';
import { provisionSnippet } from './provision-highlight.js';

type LangText = Partial<Record<Language, string>>;

interface ActRow {
  id: string;
  title: LangText;
  kind: LegalAct['kind'];
  number: string | null;
  adopted_at: string;
  issuer: string;
  status: LegalAct['status'];
  source_url: string | null;
  is_sample: boolean;
  provision_count: number;
  created_at: Date;
  updated_at: Date;
}

interface LinkRow {
  id: string;
  provision_id: string;
  issue_id: string;
  issue_title: string;
  relation: LegalIssueLink['relation'];
  note: string | null;
  status: LinkStatus;
  proposed_by: string | null;
  proposed_by_name: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

/** The columns of an act's summary, from `legal_acts a`. */
const ACT_COLUMNS = `a.id, a.title, a.kind, a.number, to_char(a.adopted_at, 'YYYY-MM-DD') AS adopted_at,
  a.issuer, a.status, a.source_url, a.is_sample, a.created_at, a.updated_at,
  (SELECT count(*)::int FROM legal_provisions p WHERE p.act_id = a.id) AS provision_count`;

/** Per search, at most this many matching provisions are ranked (as the issues search does). */
const SEARCH_CANDIDATES = 500;

/**
 * The legal library (docs/legal-library.md): acts and their provisions, written by staff and
 * read by every signed-in member; a provision's links to issues, proposed by any member and
 * confirmed or rejected by facilitators (a staff member's own link is confirmed at once).
 */
@Injectable()
export class LegalService {
  private readonly logger = new Logger(LegalService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issues: IssuesService,
    private readonly searchTerms: SearchTermsService,
    private readonly audit: AuditService,
  ) {}

  // ---- acts ----

  async createAct(actor: AuthUser, dto: CreateLegalActDto): Promise<LegalActViewDto> {
    assertStaff(actor);
    const id = await this.dataSource.transaction(async (manager) => {
      await this.assertActFree(manager, dto);
      const inserted = await manager.save(
        manager.create(LegalAct, {
          title: dto.title,
          kind: dto.kind,
          number: dto.number ?? null,
          adoptedAt: dto.adoptedAt,
          issuer: dto.issuer,
          status: dto.status,
          sourceUrl: dto.sourceUrl ?? null,
          isSample: dto.isSample ?? false,
          createdById: actor.id,
        }),
      );
      return inserted.id;
    });
    this.logger.log({ event: 'legal_act_created', actId: id, actorId: actor.id });
    return this.getAct(id);
  }

  async updateAct(actor: AuthUser, id: string, dto: UpdateLegalActDto): Promise<LegalActViewDto> {
    assertStaff(actor);
    await this.dataSource.transaction(async (manager) => {
      const act = await manager.findOne(LegalAct, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!act) throw AppError.notFound('legalAct');
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const next: Partial<LegalAct> = {};
      if (dto.status !== undefined && dto.status !== act.status) {
        changes.status = { from: act.status, to: dto.status };
        next.status = dto.status;
      }
      if (dto.title !== undefined) {
        changes.title = { from: act.title, to: dto.title };
        next.title = dto.title;
      }
      if (dto.sourceUrl !== undefined && dto.sourceUrl !== act.sourceUrl) {
        changes.sourceUrl = { from: act.sourceUrl, to: dto.sourceUrl };
        next.sourceUrl = dto.sourceUrl;
      }
      if (!Object.keys(next).length) return;
      await manager.update(LegalAct, { id }, next);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'legal_act.update',
          targetType: 'legal_act',
          targetId: id,
          details: { changes },
        },
        manager,
      );
    });
    return this.getAct(id);
  }

  /** Newest adoption first; `q` matches title (any language), number and issuer by search key. */
  async listActs(query: LegalActsQueryDto): Promise<Page<LegalActSummaryDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string', 'uuid']);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.kind) where.push(`a.kind = ${param(query.kind)}`);
    if (query.status) where.push(`a.status = ${param(query.status)}`);
    if (query.q) {
      const q = param(query.q);
      where.push(
        `kenesh_key((SELECT string_agg(value, E'\\n') FROM jsonb_each_text(a.title)) || E'\\n' || coalesce(a.number, '') || E'\\n' || a.issuer) LIKE ${keyContains(q)}`,
      );
    }
    if (after)
      where.push(`(a.adopted_at, a.id) < (${param(after[0])}::date, ${param(after[1])}::uuid)`);
    const rows = await this.dataSource.query<ActRow[]>(
      `SELECT ${ACT_COLUMNS} FROM legal_acts a
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.adopted_at DESC, a.id DESC LIMIT ${limit + 1}`,
      params,
    );
    return toPage(rows, limit, (r) => [r.adopted_at, r.id], toActSummary);
  }

  /** The act with its tree of provisions, nested by parentEId, in document order. */
  async getAct(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LegalActViewDto> {
    const act = await this.actSummary(manager, id);
    const provisions = await manager.find(LegalProvision, {
      where: { actId: id },
      order: { position: 'ASC', eId: 'ASC' },
    });
    return { ...act, provisions: buildTree(provisions) };
  }

  // ---- provisions ----

  async addProvision(
    actor: AuthUser,
    actId: string,
    dto: CreateProvisionDto,
  ): Promise<ProvisionViewDto> {
    assertStaff(actor);
    const id = await this.dataSource.transaction(async (manager) => {
      // The act's row lock orders concurrent additions (position) and eId checks.
      const act = await manager.findOne(LegalAct, {
        where: { id: actId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!act) throw AppError.notFound('legalAct');
      if (await manager.existsBy(LegalProvision, { actId, eId: dto.eId }))
        throw AppError.conflict('legal.eIdTaken', { eId: dto.eId });
      if (dto.parentEId && !(await manager.existsBy(LegalProvision, { actId, eId: dto.parentEId })))
        throw AppError.validation([{ field: 'parentEId', key: 'legal.unknownParent' }]);
      const [{ next }]: { next: number }[] = await manager.query(
        'SELECT coalesce(max(position), 0) + 1 AS next FROM legal_provisions WHERE act_id = $1',
        [actId],
      );
      const saved = await manager.save(
        manager.create(LegalProvision, {
          actId,
          eId: dto.eId,
          parentEId: dto.parentEId ?? null,
          position: next,
          heading: dto.heading,
          text: dto.text,
        }),
      );
      await manager.update(LegalAct, { id: actId }, { updatedAt: new Date() });
      return saved.id;
    });
    this.logger.log({ event: 'legal_provision_added', actId, provisionId: id, actorId: actor.id });
    return this.getProvision(actor, id);
  }

  async getProvision(actor: AuthUser, id: string): Promise<ProvisionViewDto> {
    const provision = await this.dataSource.manager.findOneBy(LegalProvision, { id });
    if (!provision) throw AppError.notFound('provision');
    return this.provisionView(actor, provision);
  }

  async getProvisionByEId(actor: AuthUser, actId: string, eId: string): Promise<ProvisionViewDto> {
    const provision = await this.dataSource.manager.findOneBy(LegalProvision, { actId, eId });
    if (!provision) throw AppError.notFound('provision');
    return this.provisionView(actor, provision);
  }

  /**
   * Ranked search over headings and texts in every language, by search key (so text typed
   * without ө ү ң finds Kyrgyz words), with the thesaurus of the issues search. Rank: ts_rank
   * (heading weighs more than text) plus 1 when the words match as typed rather than only
   * through the thesaurus; keyset on (rank, id).
   */
  async search(
    actor: AuthUser,
    query: ProvisionSearchQueryDto,
  ): Promise<Page<ProvisionSearchItemDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['number', 'uuid']);
    const plan = query.q ? await this.searchTerms.plan(query.q) : { groups: [], patterns: [] };
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const filters: string[] = [];
    let rank = '0::float8';
    let candidates = '';
    if (query.q) {
      const tsq = `kenesh_query(${param(plan.groups)}::text[])`;
      const exact = `websearch_to_tsquery('kenesh', kenesh_key(${param(query.q)}))`;
      rank = `(ts_rank(p.search_vector, ${tsq}) + CASE WHEN p.search_vector @@ ${exact} THEN 1 ELSE 0 END)::float8`;
      filters.push(`p.search_vector @@ ${tsq}`);
      candidates = `ORDER BY p.updated_at DESC, p.id DESC LIMIT ${SEARCH_CANDIDATES}`;
    }
    if (query.actId) filters.push(`p.act_id = ${param(query.actId)}::uuid`);
    if (query.kind)
      filters.push(
        `EXISTS (SELECT 1 FROM legal_acts k WHERE k.id = p.act_id AND k.kind = ${param(query.kind)})`,
      );
    const cursor = after
      ? `WHERE (m.rank, m.id) < (${param(after[0])}::float8, ${param(after[1])}::uuid)`
      : '';
    const rows = await this.dataSource.query<
      {
        id: string;
        act_id: string;
        e_id: string;
        heading: LangText;
        text: LangText;
        rank: number;
        act_title: LangText;
        act_kind: LegalAct['kind'];
        act_status: LegalAct['status'];
        is_sample: boolean;
      }[]
    >(
      `SELECT m.id, m.rank, p.act_id, p.e_id, p.heading, p.text,
              a.title AS act_title, a.kind AS act_kind, a.status AS act_status, a.is_sample
         FROM (SELECT p.id, ${rank} AS rank
                 FROM legal_provisions p
                ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
                ${candidates}) m
         JOIN legal_provisions p ON p.id = m.id
         JOIN legal_acts a ON a.id = p.act_id
        ${cursor}
        ORDER BY m.rank DESC, m.id DESC
        LIMIT ${limit + 1}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r) => [r.rank, r.id],
      (r) => {
        const s = provisionSnippet(r.heading, r.text, plan.patterns, actor.preferredLanguage);
        return {
          id: r.id,
          actId: r.act_id,
          actTitle: r.act_title,
          actKind: r.act_kind,
          actStatus: r.act_status,
          isSample: r.is_sample,
          eId: r.e_id,
          heading: r.heading,
          snippet: s.snippet,
          snippetLanguage: s.language,
          highlights: s.highlights,
          snippetHtml: s.html,
          rank: r.rank,
        };
      },
    );
  }

  // ---- import ----

  /**
   * One act from a file: validated whole first (eIds unique, each parent earlier in the file),
   * then stored in one transaction. The act is found by (kind, issuer, number, adoptedAt):
   * a re-import updates its fields and its provisions by eId, adds new ones and leaves the
   * ones the file no longer has (links may point at them); the same file twice changes nothing.
   */
  async importAct(actor: AuthUser, dto: ImportLegalActDto): Promise<ImportResultDto> {
    assertStaff(actor);
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    dto.provisions.forEach((p, i) => {
      if (seen.has(p.eId))
        problems.push({
          field: `provisions.${i}.eId`,
          key: 'legal.eIdRepeated',
          params: { eId: p.eId },
        });
      if (p.parentEId && !seen.has(p.parentEId))
        problems.push({ field: `provisions.${i}.parentEId`, key: 'legal.parentNotBefore' });
      seen.add(p.eId);
    });
    if (problems.length) throw AppError.validation(problems.slice(0, 50));

    const result = await this.dataSource.transaction(async (manager) => {
      const existing: { id: string }[] = await manager.query(
        `SELECT id FROM legal_acts WHERE kind = $1 AND issuer = $2 AND coalesce(number, '') = $3
            AND adopted_at = $4::date FOR UPDATE`,
        [dto.kind, dto.issuer, dto.number ?? '', dto.adoptedAt],
      );
      let actId: string;
      const createdAct = !existing.length;
      if (createdAct) {
        const saved = await manager.save(
          manager.create(LegalAct, {
            title: dto.title,
            kind: dto.kind,
            number: dto.number ?? null,
            adoptedAt: dto.adoptedAt,
            issuer: dto.issuer,
            status: dto.status,
            sourceUrl: dto.sourceUrl ?? null,
            isSample: dto.isSample ?? false,
            createdById: actor.id,
          }),
        );
        actId = saved.id;
      } else {
        actId = existing[0].id;
        await manager.update(
          LegalAct,
          { id: actId },
          {
            title: dto.title,
            status: dto.status,
            sourceUrl: dto.sourceUrl ?? null,
            isSample: dto.isSample ?? false,
          },
        );
      }
      const current = new Map(
        (await manager.findBy(LegalProvision, { actId })).map((p) => [p.eId, p]),
      );
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      const fresh: Partial<LegalProvision>[] = [];
      for (const [i, p] of dto.provisions.entries()) {
        const row = {
          parentEId: p.parentEId ?? null,
          position: i + 1,
          heading: p.heading as LangText,
          text: p.text as LangText,
        };
        const old = current.get(p.eId);
        if (!old) {
          fresh.push({ actId, eId: p.eId, ...row });
          created++;
        } else if (
          old.parentEId === row.parentEId &&
          old.position === row.position &&
          sameText(old.heading, row.heading) &&
          sameText(old.text, row.text)
        ) {
          unchanged++;
        } else {
          await manager.update(LegalProvision, { id: old.id }, row);
          updated++;
        }
      }
      for (let i = 0; i < fresh.length; i += 500)
        await manager.insert(LegalProvision, fresh.slice(i, i + 500));
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'legal_act.import',
          targetType: 'legal_act',
          targetId: actId,
          details: { createdAct, created, updated, unchanged },
        },
        manager,
      );
      return { actId, createdAct, created, updated, unchanged };
    });
    this.logger.log({ event: 'legal_act_imported', ...result, actorId: actor.id });
    const { actId, ...counts } = result;
    return { act: await this.getAct(actId), ...counts };
  }

  // ---- links ----

  /**
   * Any signed-in member proposes; a facilitator's or admin's own link is confirmed at once
   * (they would confirm it next anyway; the confirmation is theirs, in the audit log).
   */
  async proposeLink(
    actor: AuthUser,
    provisionId: string,
    dto: CreateIssueLinkDto,
  ): Promise<IssueLinkViewDto> {
    if (!(await this.dataSource.manager.existsBy(LegalProvision, { id: provisionId })))
      throw AppError.notFound('provision');
    await this.issues.findOrFail(dto.issueId);
    const staff = isStaff(actor);
    const id = await this.dataSource.transaction(async (manager) => {
      const taken = await manager.findOneBy(LegalIssueLink, {
        provisionId,
        issueId: dto.issueId,
        relation: dto.relation,
      });
      if (taken) throw AppError.conflict('legal.linkExists');
      const now = new Date();
      let saved: LegalIssueLink;
      try {
        saved = await manager.save(
          manager.create(LegalIssueLink, {
            provisionId,
            issueId: dto.issueId,
            relation: dto.relation,
            note: dto.note ?? null,
            status: staff ? 'confirmed' : 'proposed',
            proposedById: actor.id,
            decidedById: staff ? actor.id : null,
            decidedAt: staff ? now : null,
          }),
        );
      } catch (error) {
        if (uniqueViolation(error, 'legal_issue_links_key'))
          throw AppError.conflict('legal.linkExists');
        throw error;
      }
      if (staff)
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'legal_link.confirm',
            targetType: 'legal_issue_link',
            targetId: saved.id,
            details: { issueId: dto.issueId, provisionId, relation: dto.relation, own: true },
          },
          manager,
        );
      return saved.id;
    });
    this.logger.log({ event: 'legal_link_proposed', linkId: id, actorId: actor.id });
    return this.linkView(id);
  }

  async decideLink(
    actor: AuthUser,
    id: string,
    to: 'confirmed' | 'rejected',
    dto: DecideIssueLinkDto,
  ): Promise<IssueLinkViewDto> {
    assertStaff(actor);
    await this.dataSource.transaction(async (manager) => {
      const link = await manager.findOne(LegalIssueLink, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!link) throw AppError.notFound('issueLink');
      if (link.status === to)
        throw AppError.conflict(
          to === 'confirmed' ? 'legal.linkAlreadyConfirmed' : 'legal.linkAlreadyRejected',
        );
      await manager.update(
        LegalIssueLink,
        { id },
        { status: to, decidedById: actor.id, decidedAt: new Date() },
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: to === 'confirmed' ? 'legal_link.confirm' : 'legal_link.reject',
          targetType: 'legal_issue_link',
          targetId: id,
          details: {
            from: link.status,
            issueId: link.issueId,
            provisionId: link.provisionId,
            relation: link.relation,
            proposedById: link.proposedById,
            ...(dto.reason ? { reason: dto.reason } : {}),
          },
        },
        manager,
      );
    });
    return this.linkView(id);
  }

  /**
   * The issue's legal basis: its confirmed links, and for staff and the proposer their
   * proposed and rejected ones too (marked by status), by act and document order.
   */
  async legalBasis(actor: AuthUser, issueId: string): Promise<LegalBasisDto> {
    await this.issues.findOrFail(issueId);
    const rows = await this.dataSource.query<
      (ActRow & {
        link_id: string;
        relation: LegalIssueLink['relation'];
        note: string | null;
        link_status: LinkStatus;
        proposed_by: string | null;
        link_created_at: Date;
        provision_id: string;
        e_id: string;
        heading: LangText;
      })[]
    >(
      `SELECT ${ACT_COLUMNS}, l.id AS link_id, l.relation, l.note, l.status AS link_status,
              l.proposed_by, l.created_at AS link_created_at,
              p.id AS provision_id, p.e_id, p.heading
         FROM legal_issue_links l
         JOIN legal_provisions p ON p.id = l.provision_id
         JOIN legal_acts a ON a.id = p.act_id
        WHERE l.issue_id = $1 AND (l.status = 'confirmed' OR $2 OR l.proposed_by = $3)
        ORDER BY CASE l.status WHEN 'confirmed' THEN 0 WHEN 'proposed' THEN 1 ELSE 2 END,
                 a.adopted_at, a.id, p.position, p.e_id, l.relation, l.id`,
      [issueId, isStaff(actor), actor.id],
    );
    return {
      issueId,
      links: rows.map((r) => ({
        id: r.link_id,
        relation: r.relation,
        note: r.note,
        status: r.link_status,
        act: toActSummary(r),
        provision: { id: r.provision_id, eId: r.e_id, heading: r.heading },
        proposedById: r.proposed_by,
        createdAt: r.link_created_at.toISOString(),
      })),
    };
  }

  // ---- helpers ----

  private async actSummary(manager: EntityManager, id: string): Promise<LegalActSummaryDto> {
    const [row] = await manager.query<ActRow[]>(
      `SELECT ${ACT_COLUMNS} FROM legal_acts a WHERE a.id = $1`,
      [id],
    );
    if (!row) throw AppError.notFound('legalAct');
    return toActSummary(row);
  }

  private async assertActFree(manager: EntityManager, dto: CreateLegalActDto): Promise<void> {
    const [row]: { id: string }[] = await manager.query(
      `SELECT id FROM legal_acts WHERE kind = $1 AND issuer = $2 AND coalesce(number, '') = $3
          AND adopted_at = $4::date`,
      [dto.kind, dto.issuer, dto.number ?? '', dto.adoptedAt],
    );
    if (row) throw AppError.conflict('legal.actExists', { id: row.id });
  }

  private async provisionView(
    actor: AuthUser,
    provision: LegalProvision,
  ): Promise<ProvisionViewDto> {
    const act = await this.actSummary(this.dataSource.manager, provision.actId);
    // The act's outline (no texts) gives the path and the children.
    const outline = await this.dataSource.manager.find(LegalProvision, {
      select: { id: true, eId: true, parentEId: true, heading: true, position: true },
      where: { actId: provision.actId },
      order: { position: 'ASC', eId: 'ASC' },
    });
    const byEId = new Map(outline.map((p) => [p.eId, p]));
    const path: ProvisionRefDto[] = [];
    const visited = new Set<string>([provision.eId]);
    for (
      let parent = provision.parentEId ? byEId.get(provision.parentEId) : undefined;
      parent && !visited.has(parent.eId);
      parent = parent.parentEId ? byEId.get(parent.parentEId) : undefined
    ) {
      visited.add(parent.eId);
      path.unshift(ref(parent));
    }
    const children = outline.filter((p) => p.parentEId === provision.eId).map(ref);
    const links = await this.dataSource.query<LinkRow[]>(
      `${LINK_SELECT} WHERE l.provision_id = $1 AND (l.status = 'confirmed' OR $2 OR l.proposed_by = $3)
        ORDER BY CASE l.status WHEN 'confirmed' THEN 0 WHEN 'proposed' THEN 1 ELSE 2 END, l.created_at, l.id`,
      [provision.id, isStaff(actor), actor.id],
    );
    return {
      id: provision.id,
      eId: provision.eId,
      parentEId: provision.parentEId,
      heading: provision.heading,
      text: provision.text,
      act,
      path,
      children,
      links: links.map(toLinkView),
    };
  }

  private async linkView(id: string): Promise<IssueLinkViewDto> {
    const [row] = await this.dataSource.query<LinkRow[]>(`${LINK_SELECT} WHERE l.id = $1`, [id]);
    if (!row) throw AppError.notFound('issueLink');
    return toLinkView(row);
  }
}

const LINK_SELECT = `SELECT l.id, l.provision_id, l.issue_id, i.title AS issue_title, l.relation, l.note,
    l.status, l.proposed_by, u.display_name AS proposed_by_name, l.decided_by, l.decided_at, l.created_at
  FROM legal_issue_links l
  JOIN issues i ON i.id = l.issue_id
  LEFT JOIN users u ON u.id = l.proposed_by`;

function assertStaff(actor: AuthUser): void {
  if (!isStaff(actor)) throw AppError.forbidden('legal.onlyStaff');
}

function ref(p: Pick<LegalProvision, 'id' | 'eId' | 'heading'>): ProvisionRefDto {
  return { id: p.id, eId: p.eId, heading: p.heading };
}

function toActSummary(r: ActRow): LegalActSummaryDto {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    number: r.number,
    adoptedAt: r.adopted_at,
    issuer: r.issuer,
    status: r.status,
    sourceUrl: r.source_url,
    isSample: r.is_sample,
    provisionCount: r.provision_count,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function toLinkView(r: LinkRow): IssueLinkViewDto {
  return {
    id: r.id,
    provisionId: r.provision_id,
    issueId: r.issue_id,
    issueTitle: r.issue_title,
    relation: r.relation,
    note: r.note,
    status: r.status,
    proposedById: r.proposed_by,
    proposedByName: r.proposed_by_name,
    decidedById: r.decided_by,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * Provisions (in document order) as a tree by parentEId. A provision whose parent is missing
 * (or that would close a loop) is shown at the top level rather than lost.
 */
export function buildTree(
  provisions: Pick<LegalProvision, 'id' | 'eId' | 'parentEId' | 'heading' | 'text'>[],
): ProvisionNodeDto[] {
  const nodes = new Map<string, ProvisionNodeDto>();
  for (const p of provisions)
    nodes.set(p.eId, {
      id: p.id,
      eId: p.eId,
      parentEId: p.parentEId,
      heading: p.heading,
      text: p.text,
      children: [],
    });
  const roots: ProvisionNodeDto[] = [];
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set<string>();
    for (let at: string | null = from; at && !seen.has(at); at = nodes.get(at)?.parentEId ?? null) {
      if (at === target) return true;
      seen.add(at);
    }
    return false;
  };
  for (const p of provisions) {
    const node = nodes.get(p.eId)!;
    const parent = p.parentEId ? nodes.get(p.parentEId) : undefined;
    if (parent && !reaches(parent.eId, p.eId)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function sameText(a: LangText, b: LangText): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<Language>;
  return [...keys].every((k) => a[k] === b[k]);
}

function uniqueViolation(error: unknown, constraint: string): boolean {
  const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  const source = driver ?? (error as { code?: string; constraint?: string });
  return source?.code === '23505' && source.constraint === constraint;
}
