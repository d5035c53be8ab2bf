// The ballots' part of the district report pack (see reports/report-sections.ts).
import type { BallotSection, SectionSource } from '../reports/report-sections.js';
import { Ballot } from './ballot.entity.js';
import { computeResults } from './ballots.service.js';

/**
 * Ballots that closed in [from, to) with at least one issue in the scope's territories, oldest
 * close first; each issue's score and rank as the results route gives them.
 */
export const ballotsForReport: SectionSource<BallotSection> = async (manager, scope) => {
  const ballots = await manager
    .getRepository(Ballot)
    .createQueryBuilder('b')
    .where(`b.status = 'closed'`)
    .andWhere('b.closed_at >= :from AND b.closed_at < :to', {
      from: new Date(scope.from),
      to: new Date(scope.to),
    })
    .andWhere(
      `EXISTS (SELECT 1 FROM ballot_issues bi JOIN issue_territories it ON it.issue_id = bi.issue_id
                WHERE bi.ballot_id = b.id AND it.territory_id = ANY(:territories::uuid[]))`,
      { territories: scope.territoryIds },
    )
    .orderBy('b.closed_at', 'ASC')
    .addOrderBy('b.id', 'ASC')
    .getMany();
  const out: BallotSection['ballots'] = [];
  for (const ballot of ballots) {
    const results = await computeResults(manager, ballot);
    out.push({
      id: ballot.id,
      title: ballot.title,
      method: ballot.method,
      closedAt: results.closedAt,
      voters: results.voters,
      voted: results.voted,
      results: results.results.map((r) => ({
        issueId: r.issueId,
        issueTitle: r.title,
        score: r.score,
        rank: r.rank,
        selected: r.selected,
      })),
    });
  }
  return { ballots: out };
};
