// The strategies' part of the district report pack (see reports/report-sections.ts): the
// strategies about the scope's issues (an issue with a territory in the scope) or covering a
// territory in it, with their objectives and actions, progress and overdue flags as of the
// snapshot's moment (the transaction's now()). Progress comes from the same rollup as the API.
import type { SectionSource, StrategySection } from '../reports/report-sections.js';
import { loadBoards } from './strategy-board.js';

export const strategiesForReport: SectionSource<StrategySection> = async (manager, scope) => {
  const [{ now }] = await manager.query<[{ now: Date }]>('SELECT now() AS now');
  const strategies = await manager.query<
    { id: string; title: StrategySection['strategies'][number]['title'] }[]
  >(
    `SELECT s.id, s.title FROM strategies s
      WHERE EXISTS (SELECT 1 FROM strategy_territories st
                     WHERE st.strategy_id = s.id AND st.territory_id = ANY($1::uuid[]))
         OR EXISTS (SELECT 1 FROM strategy_issues si
                      JOIN issue_territories it ON it.issue_id = si.issue_id
                     WHERE si.strategy_id = s.id AND it.territory_id = ANY($1::uuid[]))
      ORDER BY s.created_at, s.id`,
    [scope.territoryIds],
  );
  const boards = await loadBoards(
    manager,
    strategies.map((s) => s.id),
    now,
  );
  return {
    strategies: strategies.map((s) => {
      const board = boards.get(s.id);
      const objectives = board?.objectives ?? [];
      return {
        id: s.id,
        title: s.title,
        progress: board?.progress ?? 0,
        objectives: objectives.map((o) => ({
          title: o.title,
          weight: o.weight,
          progress: o.progress,
        })),
        // Objective by objective, in the board's order (earliest due first within each).
        actions: objectives.flatMap((o) =>
          o.actions.map((a) => ({
            title: a.title,
            ownerOrganisationName: a.ownerName,
            targetAuthorityName: a.targetAuthorityName,
            dueAt: a.dueAt.toISOString(),
            status: a.status,
            progress: a.progress,
            overdue: a.overdue,
          })),
        ),
      };
    }),
  };
};
