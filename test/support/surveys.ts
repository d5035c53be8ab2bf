import { call, type SignedUp, TERRITORY } from './factories.js';
import type { TestApp } from './test-app.js';

/** A small household survey with skip logic: canal questions only for canal users. */
export const QUESTIONS = [
  {
    key: 'water_source',
    type: 'single_choice',
    label: { ky: 'Сууну кайдан аласыз?', ru: 'Откуда вы берёте воду?' },
    required: true,
    choices: [
      { code: 'canal', label: { ky: 'Арык', ru: 'Арык' } },
      { code: 'tap', label: { ky: 'Кран', ru: 'Кран' } },
    ],
  },
  {
    key: 'canal_days',
    type: 'integer',
    label: { ky: 'Жумасына канча күн?', ru: 'Сколько дней в неделю?' },
    required: true,
    min: 0,
    max: 7,
    relevant: { '==': [{ var: 'water_source' }, 'canal'] },
  },
  {
    key: 'household',
    type: 'integer',
    label: { ky: 'Үй-бүлөдө канча адам?', ru: 'Сколько человек в семье?' },
    min: 1,
    max: 30,
  },
  {
    key: 'needs',
    type: 'multi_choice',
    label: { ky: 'Эмне керек?', ru: 'Что нужно?' },
    choices: [
      { code: 'water', label: { ky: 'Суу', ru: 'Вода' } },
      { code: 'road', label: { ky: 'Жол', ru: 'Дорога' } },
    ],
  },
];

export function respondent(territoryId: string = TERRITORY.akSaiVillage) {
  return { gender: 'female', ageBand: '30-44', territoryId };
}

export async function createSurvey(
  t: TestApp,
  staff: SignedUp,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await call(t, 'post', '/surveys', staff, {
    title: { ky: 'Суу боюнча сурамжылоо', ru: 'Опрос о воде' },
    anonymous: false,
    territoryIds: [TERRITORY.akSai],
    questions: QUESTIONS,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function openSurvey(
  t: TestApp,
  staff: SignedUp,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const id = await createSurvey(t, staff, extra);
  const res = await call(t, 'post', `/surveys/${id}/transitions`, staff, { to: 'open' });
  expect(res.status).toBe(200);
  return id;
}
