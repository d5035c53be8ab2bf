// A survey's results: pick the grouping (gender, age band, territory at a level, border status);
// each question is a cross-tab (rows: choices, columns: groups) with counts and percents, and a
// bar chart of the same percents. The table is the truth (the chart is hidden from screen readers,
// which read the table). Cells the hub suppressed are marked, primary and secondary apart, with a
// legend naming the minimum cell size; withheld groups are named under the table. Staff download
// the rows as CSV or XLSX with Kyrgyz or Russian labels.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, ok } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { navigate, path, query } from '../../router.js';
import { isStaff, me } from '../../session.js';
import { useAction } from '../../ui/action.js';
import { Alert, ProblemAlert } from '../../ui/form.js';
import { problemText } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import { loadTerritories } from '../../ui/territory-picker.js';
import {
  download,
  type ExportFormat,
  type ExportLabels,
  type ResultGroup,
  type ResultQuestion,
  type ResultGrouping,
  type SurveyCard,
  type SurveyResults,
  type TerritoryLevel,
} from './api.js';
import { MARKS, crossTab, percentText, type CrossTab, type TableCell } from './crosstab.js';
import { fetchKept } from './kept.js';
import { AssessmentNav } from './subnav.js';
import {
  RESULT_GROUPINGS,
  groupText,
  groupingText,
  localised,
  moment,
  num,
  pick,
} from './words.js';
import './assessment.css';

const LEVELS: readonly TerritoryLevel[] = ['oblast', 'district', 'aiyl_aimak', 'village'];

const isGrouping = (x: string | undefined | null): x is ResultGrouping =>
  !!x && (RESULT_GROUPINGS as readonly string[]).includes(x);

/** The grouping asked for in the address: `?by=territory,gender&level=district`. */
function readQuery(): { by: ResultGrouping; then: ResultGrouping | ''; level: TerritoryLevel } {
  const q = query();
  const [first, second] = (q.get('by') ?? '').split(',');
  const level = q.get('level') as TerritoryLevel | null;
  const by = isGrouping(first) ? first : 'gender';
  return {
    by,
    then: isGrouping(second) && second !== by ? second : '',
    level: level && LEVELS.includes(level) ? level : 'aiyl_aimak',
  };
}

/** The hub's `by` of a results answer (a string list) as groupings. */
export const groupings = (by: readonly string[]): ResultGrouping[] => by.filter(isGrouping);

export default function ResultsScreen(props: ScreenProps) {
  const id = props.params.id;
  const { by, then, level } = readQuery();
  const territorial = by === 'territory' || then === 'territory';
  const [survey, setSurvey] = useState<SurveyCard | null>(null);
  const [results, setResults] = useState<SurveyResults | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);

  useEffect(() => void loadTerritories(me.value?.id), []);
  useEffect(() => {
    let live = true;
    ok(api.GET('/api/v1/surveys/{id}', { params: { path: { id } } })).then(
      (s) => live && setSurvey(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id]);
  useEffect(() => {
    let live = true;
    setError(null);
    const grouping = then ? `${by},${then}` : by;
    const territoryLevel = territorial ? level : undefined;
    fetchKept(`results:${id}:${grouping}:${territoryLevel ?? ''}`, () =>
      ok(
        api.GET('/api/v1/surveys/{id}/results', {
          params: { path: { id }, query: { by: grouping, territoryLevel } },
        }),
      ),
    ).then(
      (r) => {
        if (!live) return;
        setResults(r.value);
        setSavedAt(r.savedAt);
      },
      (e: unknown) => {
        if (!live) return;
        setResults(null);
        setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [id, by, then, level, round]);

  const choose = (next: {
    by?: ResultGrouping;
    then?: ResultGrouping | '';
    level?: TerritoryLevel;
  }) => {
    const first = next.by ?? by;
    const second = next.then ?? then;
    const q = new URLSearchParams({
      by: second && second !== first ? `${first},${second}` : first,
    });
    if (first === 'territory' || second === 'territory') q.set('level', next.level ?? level);
    navigate(`${path.value.split('?')[0]}?${q.toString()}`, true);
  };

  const [title, titleLang] = pick(survey?.title);
  return (
    <div class="assessment">
      <AssessmentNav />
      <h1 lang={titleLang}>{title || t('res.title')}</h1>
      {title && <p class="muted">{t('res.title')}</p>}
      <form class="res-grouping" onSubmit={(e) => e.preventDefault()}>
        <Select
          id="res-by"
          label={t('res.by')}
          value={by}
          onChange={(v) => choose({ by: v })}
          options={RESULT_GROUPINGS.map((g) => [g, groupingText(g)] as const)}
        />
        <Select
          id="res-then"
          label={t('res.then')}
          value={then}
          onChange={(v) => choose({ then: v })}
          any={t('res.thenNone')}
          options={RESULT_GROUPINGS.filter((g) => g !== by).map(
            (g) => [g, groupingText(g)] as const,
          )}
        />
        {territorial && (
          <Select
            id="res-level"
            label={t('res.level')}
            value={level}
            onChange={(v) => choose({ level: v })}
            options={LEVELS.map((l) => [l, t(`issues.place.${l}`)] as const)}
          />
        )}
      </form>
      {isStaff.value && <Export surveyId={id} />}
      {error !== null && (
        <div>
          <Alert>{problemText(error)}</Alert>
          <button type="button" onClick={() => setRound((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {!results && error === null && <p class="loading">{t('app.loading')}</p>}
      {results && savedAt !== null && (
        <Alert kind="info">
          {t('as.saved', { date: moment(new Date(savedAt).toISOString()) })}
        </Alert>
      )}
      {results && <Results results={results} />}
    </div>
  );
}

function Export(props: { surveyId: string }) {
  const [labels, setLabels] = useState<ExportLabels>('ky');
  const action = useAction();
  const get = (format: ExportFormat) =>
    void action.run(() =>
      download(
        `/surveys/${props.surveyId}/export`,
        { format, labels },
        `survey-${props.surveyId}.${format}`,
      ),
    );
  return (
    <section class="res-export" aria-labelledby="res-export">
      <h2 id="res-export">{t('res.export')}</h2>
      <Select
        id="res-labels"
        label={t('res.export.labels')}
        value={labels}
        onChange={setLabels}
        options={[
          ['ky', t('res.export.ky')],
          ['ru', t('res.export.ru')],
          ['keys', t('res.export.keys')],
        ]}
      />
      <div class="row">
        <button type="button" disabled={action.busy} onClick={() => get('csv')}>
          {t('res.export.csv')}
        </button>
        <button type="button" disabled={action.busy} onClick={() => get('xlsx')}>
          {t('res.export.xlsx')}
        </button>
      </div>
      <ProblemAlert error={action.error} />
    </section>
  );
}

/** The legend of suppressed cells and withheld groups, then one cross-tab per question. */
export function Results(props: { results: SurveyResults }) {
  const r = props.results;
  const tables = r.questions.filter((q) => q.choices.length > 0);
  const by = groupings(r.by);
  return (
    <>
      <Legend minCellSize={r.minCellSize} />
      {tables.length === 0 && <p class="muted">{t('res.none')}</p>}
      {tables.map((q) => (
        <QuestionTable key={q.key} question={q} groups={r.groups} by={by} />
      ))}
    </>
  );
}

export function Legend(props: { minCellSize: number }) {
  return (
    <section class="res-legend" aria-labelledby="res-legend">
      <h2 id="res-legend">{t('res.legend')}</h2>
      <p>{t('res.minCell', { min: props.minCellSize })}</p>
      <dl>
        <dt>
          <span class="cell-mark primary" aria-hidden="true">
            {MARKS.primary}
          </span>
        </dt>
        <dd>{t('res.primary', { min: props.minCellSize })}</dd>
        <dt>
          <span class="cell-mark secondary" aria-hidden="true">
            {MARKS.secondary}
          </span>
        </dt>
        <dd>{t('res.secondary')}</dd>
      </dl>
    </section>
  );
}

function Cell(props: { cell: TableCell }) {
  const c = props.cell;
  if (c.suppressed)
    return (
      <td class={`suppressed ${c.suppressed}`}>
        <span class="cell-mark" aria-hidden="true">
          {MARKS[c.suppressed]}
        </span>
        <span class="visually-hidden">
          {t(c.suppressed === 'primary' ? 'res.hiddenPrimary' : 'res.hiddenSecondary')}
        </span>
      </td>
    );
  return (
    <td>
      <span class="n">{c.count === null ? '—' : num(c.count)}</span>
      {c.percent !== null && <span class="percent">{percentText(c.percent, num)}</span>}
    </td>
  );
}

/** One question: its table (the truth) and its chart (the same percents, drawn). */
export function QuestionTable(props: {
  question: ResultQuestion;
  groups: readonly ResultGroup[];
  by: readonly ResultGrouping[];
  headingLevel?: 2 | 3;
}) {
  const q = props.question;
  const tab = crossTab(q, props.groups);
  const [label, labelLang] = pick(q.label);
  const headingId = `res-q-${q.key}`;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section class="res-question" aria-labelledby={headingId}>
      <H id={headingId} lang={labelLang}>
        {label || q.key}
      </H>
      {(q.retired || q.multipleAnswers) && (
        <p class="muted small">
          {q.retired && t('res.retired')} {q.multipleAnswers && t('res.multiple')}
        </p>
      )}
      {tab.columns.length === 0 ? (
        <p class="muted">{t('res.allWithheld')}</p>
      ) : (
        <>
          <div class="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
            <table class="crosstab">
              <caption class="visually-hidden">{label || q.key}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('res.choice')}</th>
                  {tab.columns.map((g) => (
                    <th scope="col" key={g.key}>
                      {groupText(props.by, g)}
                    </th>
                  ))}
                  <th scope="col">{t('res.all')}</th>
                </tr>
              </thead>
              <tbody>
                {tab.rows.map((row) => {
                  const [choice, choiceLang] = pick(row.label);
                  return (
                    <tr key={row.code}>
                      <th scope="row" lang={choiceLang}>
                        {choice || row.code}
                      </th>
                      {row.cells.map((c, j) => (
                        <Cell key={tab.columns[j].key} cell={c} />
                      ))}
                      <td class="total">{row.total === null ? '—' : num(row.total)}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('res.base')}</th>
                  {tab.bases.map((b, j) => (
                    <td key={tab.columns[j].key}>{b === null ? '—' : num(b)}</td>
                  ))}
                  <td class="total">{tab.baseTotal === null ? '—' : num(tab.baseTotal)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <Chart tab={tab} by={props.by} />
        </>
      )}
      {tab.withheld.length > 0 && (
        <p class="muted small withheld">
          {t('res.withheld', {
            groups: tab.withheld.map((g) => groupText(props.by, g)).join(', '),
          })}
        </p>
      )}
    </section>
  );
}

/** Bars per choice, one per group (its colour in the key above); hidden cells hatched. */
function Chart(props: { tab: CrossTab; by: readonly ResultGrouping[] }) {
  const { tab } = props;
  return (
    <div class="chart" aria-hidden="true">
      <ul class="chart-key">
        {tab.columns.map((g, j) => (
          <li key={g.key}>
            <span class={`swatch c${j % 6}`} />
            {groupText(props.by, g)}
          </li>
        ))}
      </ul>
      {tab.rows.map((row) => (
        <div class="chart-row" key={row.code}>
          <div class="chart-label">{localised(row.label) || row.code}</div>
          {row.cells.map((c, j) => (
            <div class="bar-line" key={tab.columns[j].key}>
              {c.suppressed ? (
                <>
                  <span class={`bar hidden-bar ${c.suppressed} k${j % 6}`} />
                  <span class="bar-text">{MARKS[c.suppressed]}</span>
                </>
              ) : (
                <>
                  <span class={`bar c${j % 6} w${Math.round(Math.min(100, c.percent ?? 0) / 5)}`} />
                  <span class="bar-text">
                    {c.percent === null ? '' : percentText(c.percent, num)}
                  </span>
                </>
              )}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
