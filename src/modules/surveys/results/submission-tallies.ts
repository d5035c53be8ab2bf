import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgeBand, Answers, Gender, SurveyQuestion } from '../survey-contract.js';
import { ALL_AGES, tallyPairs, TABULATED_TYPES } from './tally.js';

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
 * delete). It takes back what `before` counted and adds what `after` counts, taking the rows'
 * locks in one order (the database's sort of the key), so two transactions touching the same
 * rows wait for each other instead of deadlocking.
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
        for (const ageBand of [submission.ageBand, ALL_AGES]) {
          const id = JSON.stringify([
            key,
            answer,
            submission.gender,
            ageBand,
            submission.territoryId,
          ]);
          const delta = deltas.get(id);
          if (delta) delta.change += change;
          else
            deltas.set(id, {
              key,
              answer,
              gender: submission.gender,
              ageBand,
              territoryId: submission.territoryId,
              change,
            });
        }
      }
    }
    const rows = [...deltas.values()].filter((d) => d.change !== 0);
    if (!rows.length) return;
    const columns = (part: Delta[]) => [
      surveyId,
      part.map((r) => r.key),
      part.map((r) => r.answer),
      part.map((r) => r.gender),
      part.map((r) => r.ageBand),
      part.map((r) => r.territoryId),
      part.map((r) => r.change),
    ];
    // What `before` counted exists: take it back first (a revision or a delete). A count that
    // reaches zero stays as a zero row (the results skip them). Two statements then: every row
    // they touch is locked first, in the order the insert below takes them too.
    const taken = rows.filter((r) => r.change < 0);
    if (taken.length) {
      await manager.query(
        `SELECT 1 FROM survey_tallies t
           JOIN unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::int[])
             AS d(k, a, g, b, tr, c)
             ON t.question_key = d.k AND t.answer = d.a AND t.gender = d.g
            AND t.age_band = d.b AND t.territory_id = d.tr
          WHERE t.survey_id = $1
          ORDER BY t.question_key, t.answer, t.gender, t.age_band, t.territory_id
            FOR UPDATE OF t`,
        columns(rows),
      );
      await manager.query(
        `UPDATE survey_tallies AS t SET count = t.count + d.c
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::int[])
             AS d(k, a, g, b, tr, c)
          WHERE t.survey_id = $1 AND t.question_key = d.k AND t.answer = d.a
            AND t.gender = d.g AND t.age_band = d.b AND t.territory_id = d.tr`,
        columns(taken),
      );
    }
    const added = rows.filter((r) => r.change > 0);
    if (added.length)
      await manager.query(
        `INSERT INTO survey_tallies AS t
           (survey_id, question_key, answer, gender, age_band, territory_id, count)
         SELECT $1, k, a, g, b, tr, c
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::int[])
             AS d(k, a, g, b, tr, c)
          ORDER BY k, a, g, b, tr
         ON CONFLICT (survey_id, question_key, answer, gender, age_band, territory_id)
         DO UPDATE SET count = t.count + EXCLUDED.count`,
        columns(added),
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
  const onlyKey = questionKey === undefined ? '' : " AND e->>'key' = $2";
  // jsonb_each reads each submission's answers once (a lookup per question would unpack the
  // whole document forty times).
  return `
    WITH q AS MATERIALIZED (
      SELECT v.version, e->>'key' AS key, e->>'type' AS type
        FROM survey_versions v, jsonb_array_elements(v.questions) e
       WHERE v.survey_id = $1 AND e->>'type' IN (${types})${onlyKey}
    ),
    pairs AS (
      SELECT ${cols}, q.key, c.answer
        FROM survey_submissions s
        CROSS JOIN LATERAL jsonb_each(s.answers) a
        JOIN q ON q.version = s.version AND q.key = a.key
        CROSS JOIN LATERAL (
          SELECT jsonb_typeof(a.value) AS kind
        ) k
        CROSS JOIN LATERAL (
          SELECT a.value #>> '{}' AS answer
           WHERE (q.type IN ('single_choice', 'yes_no') AND k.kind = 'string')
              OR (q.type = 'scale' AND k.kind = 'number')
          UNION ALL
          SELECT DISTINCT x
            FROM jsonb_array_elements_text(
                   CASE WHEN q.type = 'multi_choice' AND k.kind = 'array' THEN a.value ELSE '[]' END
                 ) x
          UNION ALL
          SELECT a.value->>0
           WHERE q.type = 'rank' AND k.kind = 'array' AND jsonb_array_length(a.value) > 0
          UNION ALL
          SELECT ''
           WHERE (q.type IN ('single_choice', 'yes_no') AND k.kind = 'string')
              OR (q.type = 'scale' AND k.kind = 'number')
              OR (q.type = 'multi_choice' AND k.kind = 'array')
              OR (q.type = 'rank' AND k.kind = 'array' AND jsonb_array_length(a.value) > 0)
        ) c
       WHERE s.survey_id = $1
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
  await manager.query(rebuildTalliesSql(), [surveyId]);
}

/** The INSERT of `rebuildTallies` ($1 the survey): per age band, and over every age band. */
export function rebuildTalliesSql(): string {
  return `INSERT INTO survey_tallies (survey_id, question_key, answer, gender, age_band, territory_id, count)
     SELECT $1, question_key, answer, gender, age_band, territory_id, count
       FROM (${talliesFromAnswersSql(['gender', 'age_band', 'territory_id'])}) counted
     UNION ALL
     SELECT $1, question_key, answer, gender, '${ALL_AGES}', territory_id, count
       FROM (${talliesFromAnswersSql(['gender', 'territory_id'])}) counted`;
}
