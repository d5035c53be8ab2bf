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
  ALL_AGES,
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

    const placements = byTerritory ? await this.placements(level) : new Map<string, Placement>();
    const keys = query.question === undefined ? null : [SUBMISSIONS, query.question];
    const ids = [...placements.keys()];
    const rows = await this.dataSource.query<TallyRow[]>(talliesSql(by, keys !== null), [
      survey.id,
      keys ?? [],
      ...(byTerritory
        ? [
            ids,
            ids.map((id) => placements.get(id)!.groupId),
            ids.map((id) => placements.get(id)!.borderStatus),
          ]
        : []),
    ]);

    // counts[questionKey][answer][groupKey]
    const counts = new Map<string, Map<string, Map<string, number>>>();
    const territoriesSeen = new Map<string, Placement>();
    const placedGroup = new Map([...placements.values()].map((p) => [p.groupId, p]));
    const territoryAt = by.indexOf('territory');
    for (const row of rows) {
      const group = row.d1 === undefined ? row.d0 : `${row.d0}|${row.d1}`;
      if (territoryAt >= 0) {
        const placed = placedGroup.get(territoryAt === 0 ? row.d0 : row.d1!);
        if (placed) territoriesSeen.set(placed.groupId, placed);
      }
      let byAnswer = counts.get(row.question_key);
      if (!byAnswer)
        counts.set(row.question_key, (byAnswer = new Map<string, Map<string, number>>()));
      let byGroup = byAnswer.get(row.answer);
      if (!byGroup) byAnswer.set(row.answer, (byGroup = new Map<string, number>()));
      byGroup.set(group, (byGroup.get(group) ?? 0) + row.count);
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
   * For every territory: its ancestor at `level` (itself when it sits above that level) and
   * its border status, its own or else its nearest ancestor's (none when no territory up the
   * tree has one). The tree is small (a few thousand rows at most) and read whole, so the
   * roll-up happens in the tallies query.
   */
  private async placements(level: TerritoryLevel): Promise<Map<string, Placement>> {
    const rows = await this.dataSource.query<
      {
        id: string;
        code: string;
        parent_id: string | null;
        level: TerritoryLevel;
        border_status: BorderStatus | null;
        name: TerritoryName;
      }[]
    >('SELECT id, code, parent_id, level, border_status, name FROM territories');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const placed = new Map<string, Placement>();
    for (const row of rows) {
      let group = row;
      let border: BorderStatus | null = null;
      for (let at: typeof row | undefined = row, depth = 0; at && depth < 10; depth += 1) {
        if (at.level === level && group === row && row.level !== level) group = at;
        border ??= at.border_status;
        at = at.parent_id ? byId.get(at.parent_id) : undefined;
      }
      placed.set(row.id, {
        groupId: group.id,
        groupLevel: group.level,
        groupName: group.name,
        groupCode: group.code,
        borderStatus: border ?? 'none',
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

/** A row of `talliesSql`: d0 (and d1) are the groupings' values. */
export interface TallyRow {
  question_key: string;
  answer: string;
  d0: string;
  d1?: string;
  count: number;
}

/** The SQL expression of each grouping's value in `talliesSql`. */
const DIMENSION: Record<ResultGrouping, string> = {
  gender: 't.gender',
  ageBand: 't.age_band',
  territory: 'm.grp',
  borderStatus: 'm.border',
};

/**
 * The tallies summed by question, answer and the groupings' values (the rows over every age
 * band unless grouped by age): $1 the survey, $2 the
 * question keys (all when empty); by territory or border status, $3–$5 place each territory
 * (id, its group at the chosen level, its border status), so villages roll up in the database
 * and only the groups' rows come back. The bench runs it alone too.
 */
export function talliesSql(by: readonly ResultGrouping[], someKeys: boolean): string {
  const dims = by.map((g, i) => `${DIMENSION[g]} AS d${i}`).join(', ');
  const groupBy = by.map((g) => DIMENSION[g]).join(', ');
  const placed = by.some((g) => g === 'territory' || g === 'borderStatus');
  return `SELECT t.question_key, t.answer, ${dims}, sum(t.count)::int AS count
            FROM survey_tallies t
            ${placed ? 'JOIN unnest($3::uuid[], $4::text[], $5::text[]) AS m(tid, grp, border) ON m.tid = t.territory_id' : ''}
           WHERE t.survey_id = $1 AND t.count > 0
             AND t.age_band ${by.includes('ageBand') ? '<>' : '='} '${ALL_AGES}'
             ${someKeys ? 'AND t.question_key = ANY($2::text[])' : 'AND cardinality($2::text[]) = 0'}
           GROUP BY t.question_key, t.answer, ${groupBy}`;
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
