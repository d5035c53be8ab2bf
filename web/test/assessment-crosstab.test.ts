// The cross-tab table model of the results screen and the reading of a finding's frozen cells and
// trace: suppressed cells stay hidden (never worked out again from totals), percents come from the
// hub or from the group's base, withheld groups leave the columns.
import { describe, expect, it } from 'vitest';
import { crossTab, percentText } from '../src/screens/assessment/crosstab.js';
import { frozenTable, traceSteps } from '../src/screens/assessment/findings-model.js';
import type {
  FindingEvidence,
  FindingView,
  ResultGroup,
  ResultQuestion,
  SurveyResults,
} from '../src/screens/assessment/api.js';

const group = (gender: 'female' | 'male' | 'undisclosed', respondents: number | null) => ({
  key: gender,
  gender,
  respondents,
});
const groups: ResultGroup[] = [group('female', 40), group('male', 22), group('undisclosed', null)];

const water: ResultQuestion = {
  key: 'water_source',
  type: 'single_choice',
  label: { ky: 'Суу кайдан?', ru: 'Откуда вода?' },
  retired: false,
  multipleAnswers: false,
  bases: [
    { group: 'female', count: 40, withheld: false },
    { group: 'male', count: 22, withheld: false },
    { group: 'undisclosed', count: null, withheld: true },
  ],
  choices: [
    {
      code: 'canal',
      label: { ky: 'Арык', ru: 'Арык' },
      cells: [
        { group: 'female', count: 30, percent: 75 },
        { group: 'male', count: 18, percent: 81.818 },
        { group: 'undisclosed', count: null, percent: null, suppressed: 'primary' },
      ],
    },
    {
      code: 'well',
      label: { ky: 'Кудук', ru: 'Колодец' },
      cells: [
        { group: 'female', count: null, percent: null, suppressed: 'primary' },
        { group: 'male', count: null, percent: null, suppressed: 'secondary' },
        { group: 'undisclosed', count: null, percent: null, suppressed: 'primary' },
      ],
    },
    {
      code: 'tap',
      label: { ky: 'Кран', ru: 'Кран' },
      // The hub sent no percent: it comes from the group's base.
      cells: [
        { group: 'female', count: 8, percent: null },
        { group: 'male', count: null, percent: null, suppressed: 'secondary' },
      ],
    },
    {
      code: 'river',
      label: { ky: 'Дарыя', ru: 'Река' },
      // No cell for a group: nobody in it chose this.
      cells: [{ group: 'female', count: 0, percent: 0 }],
    },
  ],
};

describe('crossTab', () => {
  const tab = crossTab(water, groups);

  it('has a column per group not withheld, in the hub’s order; withheld groups apart', () => {
    expect(tab.columns.map((c) => c.key)).toEqual(['female', 'male']);
    expect(tab.withheld.map((c) => c.key)).toEqual(['undisclosed']);
    expect(tab.bases).toEqual([40, 22]);
    expect(tab.baseTotal).toBe(62);
  });

  it('keeps suppressed cells hidden and tells primary from secondary', () => {
    expect(tab.rows[1].cells).toEqual([
      { count: null, percent: null, suppressed: 'primary' },
      { count: null, percent: null, suppressed: 'secondary' },
    ]);
    expect(tab.suppressed).toEqual({ primary: 1, secondary: 2 });
  });

  it('gives a row total only when no cell of the row is hidden', () => {
    expect(tab.rows.map((r) => r.total)).toEqual([48, null, null, 0]);
  });

  it('rounds the hub’s percents to one decimal and computes missing ones from the base', () => {
    expect(tab.rows[0].cells.map((c) => c.percent)).toEqual([75, 81.8]);
    expect(tab.rows[2].cells[0]).toEqual({ count: 8, percent: 20, suppressed: null });
    expect(tab.rows[3].cells).toEqual([
      { count: 0, percent: 0, suppressed: null },
      { count: 0, percent: 0, suppressed: null },
    ]);
    expect(tab.maxPercent).toBe(81.8);
  });

  it('treats a null count without a reason as primary suppression, never as zero', () => {
    const t = crossTab(
      {
        ...water,
        bases: [{ group: 'female', count: 10, withheld: false }],
        choices: [
          { code: 'x', label: {}, cells: [{ group: 'female', count: null, percent: null }] },
        ],
      },
      [group('female', 10)],
    );
    expect(t.rows[0].cells[0].suppressed).toBe('primary');
    expect(t.rows[0].total).toBeNull();
  });

  it('leaves out a group nobody in it answered', () => {
    const t = crossTab(
      { ...water, bases: [...water.bases, { group: 'x', count: 0, withheld: false }] },
      [...groups, { key: 'x', respondents: 0 }],
    );
    expect(t.columns.map((c) => c.key)).toEqual(['female', 'male']);
    expect(t.withheld.map((c) => c.key)).toEqual(['undisclosed']);
  });

  it('has no base total when a base is unknown', () => {
    const unknown = { ...water, bases: [{ group: 'female', count: null, withheld: false }] };
    expect(crossTab(unknown, [group('female', null)]).baseTotal).toBeNull();
  });

  it('has no columns when every group is withheld', () => {
    const small = { ...water, bases: [{ group: 'female', count: null, withheld: true }] };
    const t = crossTab(small, [group('female', null)]);
    expect(t.columns).toEqual([]);
    expect(t.rows.every((r) => r.cells.length === 0)).toBe(true);
  });
});

describe('percentText', () => {
  it('uses the language’s number format', () => {
    const ru = (n: number) => new Intl.NumberFormat('ru').format(n);
    expect(percentText(81.818, ru)).toBe('81,8%');
    expect(percentText(20, ru)).toBe('20%');
  });
});

describe('frozenTable', () => {
  const results: SurveyResults = {
    surveyId: 's1',
    by: ['gender'],
    territoryLevel: null,
    minCellSize: 5,
    respondents: 65,
    groups,
    questions: [water, { ...water, key: 'roads' }],
  };
  const evidence: FindingEvidence = {
    surveyId: 's1',
    question: 'water_source',
    by: 'gender',
    minCellSize: 5,
    frozenAt: '2026-11-30T09:00:00Z',
    results,
    eventIds: [],
    events: [],
  };
  const finding: FindingView = {
    id: 'f1',
    statement: 'Аялдар сууга жетпейт',
    language: 'ky',
    category: 'water_irrigation',
    territoryIds: [],
    evidence,
    issueId: null,
    raisedAt: null,
    createdById: null,
    createdAt: '2026-11-30T10:00:00Z',
  };

  it('reads the cited question’s frozen cells with their minimum cell size and date', () => {
    const f = frozenTable(finding)!;
    expect(f.minCellSize).toBe(5);
    expect(f.frozenAt).toBe('2026-11-30T09:00:00Z');
    expect(f.by).toEqual(['gender']);
    expect(f.questions.map((q) => q.key)).toEqual(['water_source']);
    // Hidden then, hidden now: the frozen cells are drawn as they were.
    expect(crossTab(f.questions[0], f.groups).suppressed).toEqual({ primary: 1, secondary: 2 });
  });

  it('shows every frozen question when none was cited', () => {
    const f = frozenTable({ ...finding, evidence: { ...evidence, question: null } })!;
    expect(f.questions.map((q) => q.key)).toEqual(['water_source', 'roads']);
  });

  it('reads a two-way grouping', () => {
    const two = { ...results, by: ['territory', 'gender'] };
    const f = frozenTable({ ...finding, evidence: { ...evidence, results: two } })!;
    expect(f.by).toEqual(['territory', 'gender']);
  });

  it('is null for a finding citing focus groups only', () => {
    const none = { ...evidence, surveyId: null, question: null, results: null, eventIds: ['e1'] };
    expect(frozenTable({ ...finding, evidence: none })).toBeNull();
  });
});

describe('traceSteps', () => {
  it('puts the steps in time order, the hub’s order kept within the same moment', () => {
    const steps = traceSteps([
      { kind: 'answer_received', at: '2026-11-20T00:00:00Z', authorityName: 'Район' },
      { kind: 'issue_raised', at: '2026-11-02T00:00:00Z', issueId: 'i1' },
      { kind: 'transition', at: '2026-11-02T00:00:00Z', toStatus: 'raised' },
      { kind: 'finding_recorded', at: '2026-11-01T00:00:00Z' },
      { kind: 'escalation_sent', at: '2026-11-04T00:00:00Z', authorityName: 'Район' },
    ]);
    expect(steps.map((e) => e.kind)).toEqual([
      'finding_recorded',
      'issue_raised',
      'transition',
      'escalation_sent',
      'answer_received',
    ]);
  });
});
