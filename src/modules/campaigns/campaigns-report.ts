// The campaigns' part of the district report pack (see reports/report-sections.ts): campaigns
// running in the period with reach in the district, and their reach (approved publications, or
// none) as language × aiyl aimak × audience, counted and estimated apart. Read inside the
// report's snapshot; plain JSON, sorted so the snapshot's hash is stable.
import type { CampaignSection, SectionSource } from '../reports/report-sections.js';
import { reachGroups, territoryInfo } from './reach-query.js';
import { kyrgyzDay } from './reach-rules.js';
import type { LocalisedText } from '../surveys/survey-contract.js';

export const campaignsForReport: SectionSource<CampaignSection> = async (manager, scope) => {
  if (!scope.territoryIds.length) return { campaigns: [], reach: [] };
  // Reach rows carry a calendar day: the period's days in Kyrgyzstan, [from, to).
  const fromDay = kyrgyzDay(new Date(scope.from));
  const beforeDay = kyrgyzDay(new Date(scope.to));
  const campaigns = await manager.query<
    { id: string; title: LocalisedText; publications: number; approved: number }[]
  >(
    `SELECT c.id, c.title,
            (SELECT count(*)::int FROM campaign_publications p WHERE p.campaign_id = c.id)
              AS publications,
            (SELECT count(*)::int FROM campaign_publications p
              WHERE p.campaign_id = c.id AND p.approved_at IS NOT NULL) AS approved
       FROM campaigns c
      WHERE c.starts_at < $2::timestamptz AND c.ends_at > $1::timestamptz
        AND EXISTS (SELECT 1 FROM campaign_reach r
                     WHERE r.campaign_id = c.id AND r.territory_id = ANY($3::uuid[])
                       AND r.date >= $4::date AND r.date < $5::date)
      ORDER BY c.starts_at, c.id`,
    [scope.from, scope.to, scope.territoryIds, fromDay, beforeDay],
  );
  const groups = await reachGroups(manager, {
    campaignIds: campaigns.map((c) => c.id),
    territoryIds: scope.territoryIds,
    fromDay,
    beforeDay,
  });
  const places = await territoryInfo(manager, [...new Set(groups.map((g) => g.territoryId))]);
  return {
    campaigns: campaigns.map((c) => ({
      id: c.id,
      title: c.title,
      publications: c.publications,
      approved: c.approved,
    })),
    // reachGroups sorts by language, territory, audience, estimated.
    reach: groups.map((g) => ({
      language: g.language,
      territoryId: g.territoryId,
      territoryName: places.get(g.territoryId)?.name ?? {},
      audience: g.audience,
      female: g.female,
      male: g.male,
      undisclosed: g.undisclosed,
      estimated: g.estimated,
    })),
  };
};
