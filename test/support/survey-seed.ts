import { randomUUID } from 'node:crypto';
import type {
  AgeBand,
  Answers,
  Gender,
  SurveyQuestion,
  SurveyStatus,
} from '../../src/modules/surveys/survey-contract.js';
import { SubmissionTallies } from '../../src/modules/surveys/results/submission-tallies.js';
import { TERRITORY } from './factories.js';
import type { TestApp } from './test-app.js';

/**
 * Surveys and submissions written straight into the database for the results and export
 * specs: hundreds of submissions in a few statements, each counted by the real tallies hook
 * inside the transaction that stores it (as the submissions route does).
 */
export async function seedSurvey(
  t: TestApp,
  options: {
    status?: SurveyStatus;
    minCellSize?: number;
    anonymous?: boolean;
    versions: SurveyQuestion[][];
    createdBy?: string;
  },
): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO surveys (id, title, anonymous, min_cell_size, status, current_version, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      JSON.stringify({ ky: 'Суу боюнча сурамжылоо', ru: 'Опрос о воде', en: 'Water survey' }),
      options.anonymous ?? false,
      options.minCellSize ?? 5,
      options.status ?? 'open',
      options.versions.length,
      options.createdBy ?? null,
    ],
  );
  for (const [i, questions] of options.versions.entries()) {
    await t.db.query(
      'INSERT INTO survey_versions (survey_id, version, questions) VALUES ($1, $2, $3)',
      [id, i + 1, JSON.stringify(questions)],
    );
  }
  await t.db.query('INSERT INTO survey_territories (survey_id, territory_id) VALUES ($1, $2)', [
    id,
    TERRITORY.batkenDistrict,
  ]);
  return id;
}

export interface SeedSubmission {
  version?: number;
  gender?: Gender;
  ageBand?: AgeBand;
  territoryId?: string;
  answers: Answers;
  mode?: 'online' | 'in_person' | 'paper';
  collectedOn?: string | null;
  enteredBy?: string | null;
}

/** `times` copies of each submission, stored and tallied; answers the ids in order. */
export async function seedSubmissions(
  t: TestApp,
  surveyId: string,
  rows: (SeedSubmission & { times?: number })[],
): Promise<string[]> {
  const tallies = new SubmissionTallies();
  const ids: string[] = [];
  await t.db.transaction(async (manager) => {
    for (const row of rows) {
      for (let i = 0; i < (row.times ?? 1); i += 1) {
        const id = randomUUID();
        const sub = {
          surveyId,
          version: row.version ?? 1,
          gender: row.gender ?? 'female',
          ageBand: row.ageBand ?? '30-44',
          territoryId: row.territoryId ?? TERRITORY.akSaiVillage,
          answers: row.answers,
        };
        await manager.query(
          `INSERT INTO survey_submissions
             (id, survey_id, version, mode, gender, age_band, territory_id, answers, collected_on,
              entered_by, content_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            id,
            surveyId,
            sub.version,
            row.mode ?? 'paper',
            sub.gender,
            sub.ageBand,
            sub.territoryId,
            JSON.stringify(sub.answers),
            row.collectedOn ?? null,
            row.enteredBy ?? null,
            id,
          ],
        );
        await tallies.apply(manager, null, sub);
        ids.push(id);
      }
    }
  });
  return ids;
}

/** A territory under `parentId` with its own border status (null: inherit). */
export async function seedTerritory(
  t: TestApp,
  options: {
    level: 'district' | 'aiyl_aimak' | 'village';
    parentId: string;
    borderStatus: 'delimited' | 'non_delimited' | 'none' | null;
    name: string;
  },
): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO territories (id, code, level, name, parent_id, border_status)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      id,
      `test-${id.slice(0, 8)}`,
      options.level,
      JSON.stringify({ ky: `${options.name} (ky)`, ru: `${options.name} (ru)`, en: options.name }),
      options.parentId,
      options.borderStatus,
    ],
  );
  return id;
}

/** A question of the given type with choices a, b, c (labelled in ky, ru, en). */
export function question(
  key: string,
  type: SurveyQuestion['type'],
  extra: Partial<SurveyQuestion> = {},
): SurveyQuestion {
  const labelled = (code: string) => ({
    code,
    label: { ky: `${code} ky-жооп`, ru: `${code} ру-ответ`, en: `${code} answer` },
  });
  return {
    key,
    type,
    label: { ky: `${key} суроосу`, ru: `Вопрос ${key}`, en: `Question ${key}` },
    ...(['single_choice', 'multi_choice', 'rank'].includes(type)
      ? { choices: ['a', 'b', 'c'].map(labelled) }
      : {}),
    ...extra,
  };
}
