import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AuthUser, isStaff } from '../../../common/auth/auth-user.js';
import { AppError } from '../../../common/errors/app-error.js';
import {
  BORDER_STATUSES,
  type BorderStatus,
  type TerritoryLevel,
  type TerritoryName,
} from '../../territories/territory.entity.js';
import {
  AGE_BANDS,
  GENDERS,
  RESULT_GROUPINGS,
  type ResultGrouping,
  type SurveyQuestion,
  type SurveyStatus,
} from '../survey-contract.js';
import type {
  ResultGroupDto,
  ResultQuestionDto,
  SurveyResultsDto,
  SurveyResultsQueryDto,
} from './dto/survey-results.dto.js';
import { percentOf, suppressTable } from './suppression.js';
import {
  ANSWERED,
  choiceRows,
  type MergedQuestion,
  mergeVersions,
  SUBMISSIONS,
  TABULATED_TYPES,
} from './tally.js';

export const DEFAULT_TERRITORY_LEVEL: TerritoryLevel = 'aiyl_aimak';

/** The survey as the results and the export need it. */
export interface ReadableSurvey {
  id: string;
  status: SurveyStatus;
  minCellSize: number;
  anonymous: boolean;
  title: Record<string, string>;
}

/** Where a territory of the data falls: its group at the chosen level, its border status. */
interface Placement {
  groupId: string;
  groupLevel: TerritoryLevel;
  groupName: TerritoryName;
  groupCode: string;
  borderStatus: BorderStatus;
}

/** The tallies column each grouping reads. */
const COLUMN: Record<ResultGrouping, string> = {
  gender: 'gender',
  ageBand: 'age_band',
  territory: 'territory_id',
  borderStatus: 'territory_id',
};

/**
 * Survey results: counts and percentages per question and group, read from the tallies
 * (docs/survey-results.md), with small cells suppressed for every reader alike.
 */
@Injectable()
export class SurveyResultsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A survey the viewer may read results of: any signed-in member once it is open (also
   * closed or archived), staff only while it is a draft; 404 otherwise.
   */
  async readable(viewer: AuthUser, surveyId: string): Promise<ReadableSurvey> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        status: SurveyStatus;
        min_cell_size: number;
        anonymous: boolean;
        title: Record<string, string>;
      }[]
    >('SELECT id, status, min_cell_size, anonymous, title FROM surveys WHERE id = $1', [surveyId]);
    if (!row || (row.status === 'draft' && !isStaff(viewer))) throw AppError.notFound('survey');
    return {
      id: row.id,
      status: row.status,
      minCellSize: row.min_cell_size,
      anonymous: row.anonymous,
      title: row.title,
    };
  }

  /** Every version's questions merged (retired ones included), in order. */
  async questionsOf(surveyId: string): Promise<MergedQuestion[]> {
    const versions = await this.dataSource.query<
      { version: number; questions: SurveyQuestion[] }[]
    >('SELECT version, questions FROM survey_versions WHERE survey_id = $1 ORDER BY version', [
      surveyId,
    ]);
    return mergeVersions(versions);
  }

  async results(
    viewer: AuthUser,
    surveyId: string,
    query: SurveyResultsQueryDto,
  ): Promise<SurveyResultsDto> {
    const survey = await this.readable(viewer, surveyId);
    const by = parseBy(query.by);
    const byTerritory = by.includes('territory') || by.includes('borderStatus');
    const level = query.territoryLevel ?? DEFAULT_TERRITORY_LEVEL;

    const questions = (await this.questionsOf(survey.id)).filter(
      (q) =>
        TABULATED_TYPES.includes(q.type) &&
        (query.question === undefined || q.key === query.question),
    );
    if (query.question !== undefined && !questions.length)
      throw AppError.validation([AppError.field('question', 'surveyResults.question')]);

    const columns = [...new Set(by.map((g) => COLUMN[g]))];
    const keys = query.question === undefined ? null : [SUBMISSIONS, query.question];
    const rows = await this.dataSource.query<Record<string, string | number>[]>(
      `SELECT question_key, answer, ${columns.join(', ')}, sum(count)::int AS count
         FROM survey_tallies
        WHERE survey_id = $1 AND count > 0 ${keys ? 'AND question_key = ANY($2::text[])' : ''}
        GROUP BY question_key, answer, ${columns.join(', ')}`,
      keys ? [survey.id, keys] : [survey.id],
    );

    const placements = byTerritory
      ? await this.placements([...new Set(rows.map((r) => String(r.territory_id)))], level)
      : new Map<string, Placement>();

    // The value of one grouping for a tallies row.
    const valueOf = (g: ResultGrouping, row: Record<string, string | number>): string => {
      if (g === 'gender') return String(row.gender);
      if (g === 'ageBand') return String(row.age_band);
      const placed = placements.get(String(row.territory_id));
      if (g === 'territory') return placed?.groupId ?? String(row.territory_id);
      return placed?.borderStatus ?? 'none';
    };

    // counts[questionKey][answer][groupKey]
    const counts = new Map<string, Map<string, Map<string, number>>>();
    const territoriesSeen = new Map<string, Placement>();
    for (const row of rows) {
      const group = by.map((g) => valueOf(g, row)).join('|');
      if (by.includes('territory')) {
        const placed = placements.get(String(row.territory_id));
        if (placed) territoriesSeen.set(placed.groupId, placed);
      }
      const key = String(row.question_key);
      const answer = String(row.answer);
      let byAnswer = counts.get(key);
      if (!byAnswer) counts.set(key, (byAnswer = new Map<string, Map<string, number>>()));
      let byGroup = byAnswer.get(answer);
      if (!byGroup) byAnswer.set(answer, (byGroup = new Map<string, number>()));
      byGroup.set(group, (byGroup.get(group) ?? 0) + Number(row.count));
    }

    const groups = this.groupsOf(by, territoriesSeen);
    const submitted = counts.get(SUBMISSIONS)?.get(ANSWERED) ?? new Map<string, number>();
    const min = survey.minCellSize;
    for (const group of groups) {
      const n = submitted.get(group.key) ?? 0;
      group.respondents = n > 0 && n < min ? null : n;
    }
    const respondents = [...submitted.values()].reduce((a, b) => a + b, 0);

    return {
      surveyId: survey.id,
      by,
      territoryLevel: by.includes('territory') ? level : null,
      minCellSize: min,
      respondents,
      groups,
      questions: questions.map((q) =>
        tabulate(q, counts.get(q.key) ?? new Map<string, Map<string, number>>(), groups, min),
      ),
    };
  }

  /**
   * For each territory of the data: its ancestor at `level` (itself when it sits above that
   * level) and its border status, its own or else its nearest ancestor's (none when no
   * territory up the tree has one).
   */
  private async placements(ids: string[], level: TerritoryLevel): Promise<Map<string, Placement>> {
    const chain = await this.dataSource.query<
      {
        origin: string;
        id: string;
        code: string;
        level: TerritoryLevel;
        border_status: BorderStatus | null;
        name: TerritoryName;
      }[]
    >(
      `WITH RECURSIVE chain AS (
         SELECT t.id AS origin, t.id, t.code, t.parent_id, t.level, t.border_status, t.name, 0 AS depth
           FROM territories t WHERE t.id = ANY($1::uuid[])
         UNION ALL
         SELECT c.origin, p.id, p.code, p.parent_id, p.level, p.border_status, p.name, c.depth + 1
           FROM chain c JOIN territories p ON p.id = c.parent_id
          WHERE c.depth < 10
       )
       SELECT origin, id, code, level, border_status, name FROM chain ORDER BY origin, depth`,
      [ids],
    );
    const byOrigin = new Map<string, typeof chain>();
    for (const link of chain) {
      const links = byOrigin.get(link.origin) ?? [];
      links.push(link);
      byOrigin.set(link.origin, links);
    }
    const placed = new Map<string, Placement>();
    for (const [origin, links] of byOrigin) {
      const group = links.find((l) => l.level === level) ?? links[0];
      placed.set(origin, {
        groupId: group.id,
        groupLevel: group.level,
        groupName: group.name,
        groupCode: group.code,
        borderStatus: links.find((l) => l.border_status !== null)?.border_status ?? 'none',
      });
    }
    return placed;
  }

  /** The columns: every value of a fixed list, the territories that have answers. */
  private groupsOf(by: ResultGrouping[], territories: Map<string, Placement>): ResultGroupDto[] {
    const placedTerritories = [...territories.values()].sort((a, b) =>
      a.groupCode.localeCompare(b.groupCode),
    );
    const valuesOf = (g: ResultGrouping): Partial<ResultGroupDto>[] => {
      switch (g) {
        case 'gender':
          return GENDERS.map((gender) => ({ key: gender, gender }));
        case 'ageBand':
          return AGE_BANDS.map((ageBand) => ({ key: ageBand, ageBand }));
        case 'borderStatus':
          return BORDER_STATUSES.map((borderStatus) => ({ key: borderStatus, borderStatus }));
        case 'territory':
          return placedTerritories.map((t) => ({
            key: t.groupId,
            territoryId: t.groupId,
            territoryName: t.groupName,
            territoryLevel: t.groupLevel,
          }));
      }
    };
    let combos: Partial<ResultGroupDto>[] = [{}];
    for (const g of by) {
      combos = combos.flatMap((left) =>
        valuesOf(g).map((right) => ({
          ...left,
          ...right,
          key: left.key === undefined ? right.key : `${left.key}|${right.key}`,
        })),
      );
    }
    return combos.map((c) => ({ ...c, key: c.key ?? '', respondents: 0 }));
  }
}

/** `territory,gender` → ['territory', 'gender']; the DTO has checked the pattern. */
export function parseBy(by: string): ResultGrouping[] {
  const parts = by.split(',') as ResultGrouping[];
  if (
    !parts.length ||
    parts.some((p) => !RESULT_GROUPINGS.includes(p)) ||
    new Set(parts).size !== parts.length
  )
    throw AppError.validation([AppError.field('by', 'surveyResults.by')]);
  return parts;
}

/** One question's table: choices × groups, suppressed. */
function tabulate(
  q: MergedQuestion,
  counts: Map<string, Map<string, number>>,
  groups: ResultGroupDto[],
  minCellSize: number,
): ResultQuestionDto {
  const rows = choiceRows(q, counts.keys());
  const answered = counts.get(ANSWERED) ?? new Map<string, number>();
  const matrix = rows.map((row) => groups.map((g) => counts.get(row.code)?.get(g.key) ?? 0));
  const bases = groups.map((g) => answered.get(g.key) ?? 0);
  const multiple = q.type === 'multi_choice';
  const { cells, withheld } = suppressTable({
    counts: matrix,
    bases,
    minCellSize,
    rowTotalsKnown: true,
    columnTotalsKnown: !multiple,
  });
  return {
    key: q.key,
    type: q.type,
    label: q.label,
    retired: q.retired,
    multipleAnswers: multiple,
    bases: groups.map((g, c) => ({
      group: g.key,
      count: withheld[c] ? null : bases[c],
      withheld: withheld[c],
    })),
    choices: rows.map((row, r) => ({
      code: row.code,
      label: row.label,
      cells: groups.map((g, c) => {
        const hidden = cells[r][c];
        return hidden
          ? { group: g.key, count: null, percent: null, suppressed: hidden }
          : { group: g.key, count: matrix[r][c], percent: percentOf(matrix[r][c], bases[c]) };
      }),
    })),
  };
}
