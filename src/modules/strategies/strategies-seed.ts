/**
 * A sample strategy for the demo seed (`npm run seed:demo`): about the first seeded issue, one
 * objective with two actions of an aiyl okmotu, one of them past its due date, and an update in
 * a timeline. Idempotent: skipped when a strategy with its Kyrgyz title exists. Clearly a sample.
 */
import type { DataSource } from 'typeorm';

const TITLE = {
  ky: 'Үлгү: сугат суусу боюнча стратегия',
  ru: 'Образец: стратегия по поливной воде',
};
const DAY_MS = 24 * 60 * 60 * 1000;

export async function seedStrategySamples(
  dataSource: DataSource,
  progress: (line: string) => void,
): Promise<void> {
  const [exists] = await dataSource.query<unknown[]>(
    `SELECT 1 FROM strategies WHERE title->>'ky' = $1`,
    [TITLE.ky],
  );
  if (exists) return;
  const [issue] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM issues ORDER BY (category = 'water_irrigation') DESC, created_at, id LIMIT 1`,
  );
  const [owner] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM organisations WHERE kind = 'aiyl_okmotu' ORDER BY name LIMIT 1`,
  );
  const [target] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM organisations WHERE kind IN ('state_administration', 'government_body') ORDER BY name LIMIT 1`,
  );
  const [staff] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM users WHERE role IN ('facilitator', 'admin') ORDER BY role DESC, created_at LIMIT 1`,
  );
  const [rep] = owner
    ? await dataSource.query<{ user_id: string }[]>(
        `SELECT user_id FROM organisation_members WHERE organisation_id = $1 AND role = 'representative' ORDER BY user_id LIMIT 1`,
        [owner.id],
      )
    : [];
  if (!issue || !owner) return;
  await dataSource.transaction(async (manager) => {
    const [strategy] = await manager.query<{ id: string }[]>(
      `INSERT INTO strategies (title, goal, created_by) VALUES ($1, $2, $3) RETURNING id`,
      [
        TITLE,
        {
          ky: 'Үлгү максат: жайында ар бир үйгө сугат суусу жетсин',
          ru: 'Образец цели: летом поливная вода доходит до каждого двора',
        },
        staff?.id ?? null,
      ],
    );
    await manager.query('INSERT INTO strategy_issues (strategy_id, issue_id) VALUES ($1, $2)', [
      strategy.id,
      issue.id,
    ]);
    const [objective] = await manager.query<{ id: string }[]>(
      `INSERT INTO strategy_objectives (strategy_id, position, title, weight) VALUES ($1, 1, $2, 2) RETURNING id`,
      [strategy.id, { ky: 'Арыктарды калыбына келтирүү', ru: 'Восстановить арыки' }],
    );
    const action = async (title: object, days: number, status: string, progressValue: number) => {
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO strategy_actions
           (strategy_id, objective_id, title, owner_organisation_id, target_authority_organisation_id,
            due_at, weight, status, progress, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9) RETURNING id`,
        [
          strategy.id,
          objective.id,
          title,
          owner.id,
          target?.id ?? null,
          new Date(Date.now() + days * DAY_MS),
          status,
          progressValue,
          staff?.id ?? null,
        ],
      );
      return row.id;
    };
    const letter = await action(
      { ky: 'Райондук администрацияга кат жазуу', ru: 'Написать письмо в районную администрацию' },
      20,
      'in_progress',
      40,
    );
    await action(
      { ky: 'Арыкты тазалоонун сметасын даярдоо', ru: 'Подготовить смету очистки арыка' },
      -5,
      'planned',
      0,
    );
    await manager.query(
      `INSERT INTO strategy_action_updates (action_id, author_id, note, progress, status)
       VALUES ($1, $2, $3, 40, 'in_progress')`,
      [letter, rep?.user_id ?? staff?.id ?? null, 'Үлгү: каттын долбоору даярдалды.'],
    );
  });
  progress('strategies 1/1');
}
