import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgeBand, Answers, Gender, SurveyQuestion } from '../survey-contract.js';
import { tallyPairs, TABULATED_TYPES } from './tally.js';

/** A submission as the results see it: no ids of people, only what results group by. */
export interface TalliedSubmission {
  surveyId: string;
  version: number;
  gender: Gender;
  ageBand: AgeBand;
  territoryId: string;
  answers: Answers;
}

/** One row of `survey_tallies` and the change to its count. */
interface Delta {
  key: string;
  answer: string;
  gender: string;
  ageBand: string;
  territoryId: string;
  change: number;
}

/**
 * Keeps `survey_tallies` in step with the submissions: called inside the transaction that
 * stores, revises or deletes a submission (before: null on a first store; after: null on a
 * delete). It takes back what `before` counted and adds what `after` counts, in one statement
 * whose rows are sorted, so two transactions touching the same rows lock them in the same order
 * and cannot deadlock each other.
 */
@Injectable()
export class SubmissionTallies {
  async apply(
    manager: EntityManager,
    before: TalliedSubmission | null,
    after: TalliedSubmission | null,
  ): Promise<void> {
    const surveyId = after?.surveyId ?? before?.surveyId;
    if (!surveyId) return;
    const deltas = new Map<string, Delta>();
    for (const [submission, change] of [
      [before, -1],
      [after, 1],
    ] as const) {
      if (!submission) continue;
      const questions = await questionsOf(manager, surveyId, submission.version);
      for (const [key, answer] of tallyPairs(questions, submission.answers)) {
        const id = JSON.stringify([
          key,
          answer,
          submission.gender,
          submission.ageBand,
          submission.territoryId,
        ]);
        const delta = deltas.get(id);
        if (delta) delta.change += change;
        else
          deltas.set(id, {
            key,
            answer,
            gender: submission.gender,
            ageBand: submission.ageBand,
            territoryId: submission.territoryId,
            change,
          });
      }
    }
    const rows = [...deltas]
      .filter(([, d]) => d.change !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d);
    if (!rows.length) return;
    await manager.query(
      `INSERT INTO survey_tallies AS t
         (survey_id, question_key, answer, gender, age_band, territory_id, count)
       SELECT $1, k, a, g, b, tr, c
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::int[])
           AS d(k, a, g, b, tr, c)
       ON CONFLICT (survey_id, question_key, answer, gender, age_band, territory_id)
       DO UPDATE SET count = t.count + EXCLUDED.count`,
      [
        surveyId,
        rows.map((r) => r.key),
        rows.map((r) => r.answer),
        rows.map((r) => r.gender),
        rows.map((r) => r.ageBand),
        rows.map((r) => r.territoryId),
        rows.map((r) => r.change),
      ],
    );
  }
}

async function questionsOf(
  manager: EntityManager,
  surveyId: string,
  version: number,
): Promise<SurveyQuestion[]> {
  const [row] = await manager.query<{ questions: SurveyQuestion[] }[]>(
    'SELECT questions FROM survey_versions WHERE survey_id = $1 AND version = $2',
    [surveyId, version],
  );
  return row?.questions ?? [];
}

/**
 * The tallies of one survey as SQL over its submissions' answers: the same pairs as
 * `tallyPairs`, grouped by `groupBy` (columns of survey_submissions, aliased `s`). The
 * tallies rebuild uses it, and the bench runs it as the plain-SQL baseline of the results.
 */
export function talliesFromAnswersSql(groupBy: string[], questionKey?: string): string {
  const cols = groupBy.map((c) => `s.${c}`).join(', ');
  const types = TABULATED_TYPES.map((t) => `'${t}'`).join(', ');
  const onlyKey = questionKey === undefined ? '' : ' AND q.key = $2';
  return `
    WITH q AS (
      SELECT v.version, e->>'key' AS key, e->>'type' AS type
        FROM survey_versions v, jsonb_array_elements(v.questions) e
       WHERE v.survey_id = $1 AND e->>'type' IN (${types})${onlyKey}
    ),
    pairs AS (
      SELECT ${cols}, q.key, a.answer
        FROM survey_submissions s
        JOIN q ON q.version = s.version
        CROSS JOIN LATERAL (
          SELECT ARRAY(
            SELECT s.answers->>q.key
             WHERE q.type IN ('single_choice', 'yes_no')
               AND jsonb_typeof(s.answers->q.key) = 'string'
            UNION ALL
            SELECT s.answers->>q.key
             WHERE q.type = 'scale' AND jsonb_typeof(s.answers->q.key) = 'number'
            UNION
            SELECT jsonb_array_elements_text(s.answers->q.key)
             WHERE q.type = 'multi_choice' AND jsonb_typeof(s.answers->q.key) = 'array'
            UNION ALL
            SELECT s.answers->q.key->>0
             WHERE q.type = 'rank' AND jsonb_typeof(s.answers->q.key) = 'array'
               AND jsonb_array_length(s.answers->q.key) > 0
          ) AS codes
        ) c
        CROSS JOIN LATERAL unnest(
          CASE WHEN cardinality(c.codes) > 0 THEN c.codes || ''::text ELSE '{}'::text[] END
        ) AS a(answer)
       WHERE s.survey_id = $1 AND s.answers ? q.key
      ${
        questionKey === undefined
          ? `UNION ALL SELECT ${cols}, '' AS key, '' AS answer FROM survey_submissions s WHERE s.survey_id = $1`
          : ''
      }
    )
    SELECT ${groupBy.join(', ')}, key AS question_key, answer, count(*)::int AS count
      FROM pairs
     GROUP BY ${groupBy.join(', ')}, key, answer`;
}

/** Recounts one survey's tallies from its submissions (in `manager`'s transaction). */
export async function rebuildTallies(manager: EntityManager, surveyId: string): Promise<void> {
  await manager.query('DELETE FROM survey_tallies WHERE survey_id = $1', [surveyId]);
  await manager.query(
    `INSERT INTO survey_tallies (survey_id, question_key, answer, gender, age_band, territory_id, count)
     SELECT $1, question_key, answer, gender, age_band, territory_id, count
       FROM (${talliesFromAnswersSql(['gender', 'age_band', 'territory_id'])}) counted`,
    [surveyId],
  );
}
