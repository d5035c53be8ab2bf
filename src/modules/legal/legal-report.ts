// The legal library's part of the district report pack (see reports/report-sections.ts): the
// confirmed links from provisions to the issues that have a territory in the scope, as the
// snapshot sees them. Not limited to the period: an issue's legal basis is what it stands on
// at the time of the report, whenever the link was confirmed.
import type { LegalBasisSection, SectionSource } from '../reports/report-sections.js';

type Link = LegalBasisSection['links'][number];

export const legalBasisForReport: SectionSource<LegalBasisSection> = async (manager, scope) => {
  if (!scope.territoryIds.length) return { links: [] };
  const rows: {
    issue_id: string;
    issue_title: string;
    act_title: Link['actTitle'];
    act_number: string | null;
    act_status: Link['actStatus'];
    e_id: string;
    heading: Link['heading'];
    relation: Link['relation'];
  }[] = await manager.query(
    `SELECT i.id AS issue_id, i.title AS issue_title, a.title AS act_title, a.number AS act_number,
            a.status AS act_status, p.e_id, p.heading, l.relation
       FROM legal_issue_links l
       JOIN issues i ON i.id = l.issue_id
       JOIN legal_provisions p ON p.id = l.provision_id
       JOIN legal_acts a ON a.id = p.act_id
      WHERE l.status = 'confirmed'
        AND EXISTS (SELECT 1 FROM issue_territories t
                     WHERE t.issue_id = i.id AND t.territory_id = ANY($1::uuid[]))
      ORDER BY i.created_at, i.id, a.adopted_at, a.id, p.position, p.e_id, l.relation, l.id`,
    [scope.territoryIds],
  );
  return {
    links: rows.map((r) => ({
      issueId: r.issue_id,
      issueTitle: r.issue_title,
      actTitle: r.act_title,
      actNumber: r.act_number,
      actStatus: r.act_status,
      eId: r.e_id,
      heading: r.heading,
      relation: r.relation,
    })),
  };
};
