// A finding: its statement, category and places, its evidence (the survey cells frozen when it was
// written, with the minimum cell size and the date, and the focus groups it cites), "raise as
// issue" for staff (then a link to the issue), and its trace: finding → issue → status changes →
// escalations → answers. `/findings/new` (staff): writing one, citing a survey result (survey,
// question, grouping: the cells are previewed as they will be frozen) and/or focus groups.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, newId, ok } from '../../api/client.js';
import { lang, t, type MessageKey } from '../../i18n/index.js';
import { navigate, query } from '../../router.js';
import { isStaff, me } from '../../session.js';
import { useAction } from '../../ui/action.js';
import { Alert, Field, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import {
  TerritoryPicker,
  loadTerritories,
  territoryById,
  territoryName,
} from '../../ui/territory-picker.js';
import {
  CATEGORIES,
  LEVELS,
  STATUSES,
  categoryText,
  levelText,
  statusText,
  type Category,
  type Level,
  type Status,
} from '../issues/words.js';
import {
  type EventView,
  type FindingView,
  type ResultGrouping,
  type SurveyCard,
  type SurveyResults,
  type TraceStep,
} from './api.js';
import { frozenTable, traceSteps } from './findings-model.js';
import { FocusGroupCard } from './focus-groups.js';
import { useKept } from './kept.js';
import { KeptFailure, KeptNote } from './kept-view.js';
import { Legend, QuestionTable, groupings } from './results.js';
import { AssessmentNav } from './subnav.js';
import { RESULT_GROUPINGS, day, groupingText, localised, moment, pick } from './words.js';
import './assessment.css';

export default function FindingScreen(props: ScreenProps) {
  useEffect(() => void loadTerritories(me.value?.id), []);
  return (
    <div class="assessment">
      <AssessmentNav />
      <p>
        <Link href="/findings">{t('fd.back')}</Link>
      </p>
      {props.params.id ? <Finding id={props.params.id} /> : <New />}
    </div>
  );
}

function Finding(props: { id: string }) {
  const reading = useKept(`finding:${props.id}`, () =>
    ok(api.GET('/api/v1/findings/{id}', { params: { path: { id: props.id } } })),
  );
  const finding = reading.value;
  const setFinding = reading.set;
  if (reading.error !== null && !finding) return <KeptFailure reading={reading} />;
  if (!finding) return <p class="loading">{t('app.loading')}</p>;
  const f = finding;
  return (
    <>
      <KeptNote savedAt={reading.savedAt} />
      <h1 lang={f.language}>{f.statement}</h1>
      <p class="row">
        <span class="badge">{categoryText(f.category)}</span>
      </p>
      <p class="muted small">
        {[
          t('fd.written', { date: day(f.createdAt) }),
          f.territoryIds
            .map((id) => territoryName(territoryById(id)))
            .filter(Boolean)
            .join(', '),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {f.issueId ? (
        <p>
          <Link href={`/issues/${f.issueId}`} class="button primary">
            {t('fd.openIssue')}
          </Link>
        </p>
      ) : (
        isStaff.value && <Raise finding={f} onRaised={(issueId) => setFinding({ ...f, issueId })} />
      )}
      <Evidence finding={f} />
      <Trace id={f.id} version={f.issueId ?? ''} />
    </>
  );
}

/** The finding's evidence: the frozen cross-tab and the focus groups it cites. */
export function Evidence(props: { finding: FindingView }) {
  const f = props.finding;
  const frozen = frozenTable(f);
  const events = f.evidence.events;
  return (
    <section aria-labelledby="fd-evidence">
      <h2 id="fd-evidence">{t('fd.evidence')}</h2>
      {!frozen && !events.length && <p class="muted">{t('fd.noEvidence')}</p>}
      {frozen && (
        <div class="evidence">
          <p class="muted small">
            {[
              frozen.frozenAt &&
                t('fd.frozen', { date: moment(frozen.frozenAt), min: frozen.minCellSize }),
              frozen.by.map(groupingText).join(' × '),
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          {f.evidence.surveyId && (
            <p>
              <Link href={`/surveys/${f.evidence.surveyId}/results?by=${frozen.by.join(',')}`}>
                {t('fd.surveyNow')}
              </Link>
            </p>
          )}
          <Legend minCellSize={frozen.minCellSize} />
          {frozen.questions.map((q) => (
            <QuestionTable
              key={q.key}
              question={q}
              groups={frozen.groups}
              by={frozen.by}
              headingLevel={3}
            />
          ))}
        </div>
      )}
      {events.length > 0 && (
        <>
          <h3>{t('fd.focusGroups')}</h3>
          <ul class="plain">
            {events.map((e) => (
              <li key={e.id}>
                <FocusGroupCard event={e} headingLevel={3} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Raise(props: { finding: FindingView; onRaised: (issueId: string) => void }) {
  const [title, setTitle] = useState(props.finding.statement.slice(0, 120));
  const [level, setLevel] = useState<Level | ''>('');
  const action = useAction();
  const errors = fieldErrors(action.error);
  async function raise(e: Event) {
    e.preventDefault();
    let id = '';
    const done = await action.run(async () => {
      const made = await ok(
        api.POST('/api/v1/findings/{id}/issue', {
          params: { path: { id: props.finding.id } },
          headers: { 'idempotency-key': newId() },
          body: { title: title.trim() || undefined, decisionLevel: level as Level },
        }),
      );
      id = made.id;
    });
    if (done) props.onRaised(id);
  }
  return (
    <section class="card" aria-labelledby="fd-raise">
      <h2 id="fd-raise">{t('fd.raise')}</h2>
      <form onSubmit={(e) => void raise(e)} noValidate>
        <ProblemAlert error={action.error} />
        <Field
          id="fd-issue-title"
          label={t('fd.issueTitle')}
          value={title}
          onInput={setTitle}
          error={errors['title']}
        />
        <Select
          id="fd-level"
          label={t('issues.decisionLevel')}
          value={level}
          onChange={setLevel}
          any={t('issues.place.choose')}
          options={LEVELS.map((l) => [l, levelText(l)] as const)}
          error={errors['decisionLevel']}
        />
        <button type="submit" class="primary" disabled={action.busy || !level}>
          {t('fd.raiseSubmit')}
        </button>
      </form>
    </section>
  );
}

function Trace(props: { id: string; version: string }) {
  const [steps, setSteps] = useState<TraceStep[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    ok(api.GET('/api/v1/findings/{id}/trace', { params: { path: { id: props.id } } })).then(
      (trace) => live && setSteps(traceSteps(trace.steps)),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [props.id, props.version]);
  return (
    <section aria-labelledby="fd-trace">
      <h2 id="fd-trace">{t('fd.trace')}</h2>
      <p class="muted small">{t('fd.traceHint')}</p>
      {error !== null && <ProblemAlert error={error} />}
      {steps === null && error === null && <p class="loading">{t('app.loading')}</p>}
      {steps && (
        <ol class="trace">
          {steps.map((step, i) => (
            <li key={`${step.kind}-${i}`}>
              <TraceLine step={step} />
              <span class="when">{moment(step.at)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const isStatus = (s: string | null | undefined): s is Status =>
  !!s && (STATUSES as readonly string[]).includes(s);

function TraceLine(props: { step: TraceStep }) {
  const e = props.step;
  switch (e.kind) {
    case 'finding_recorded':
      return <strong>{t('fd.trace.finding')}</strong>;
    case 'issue_raised':
      return (
        <>
          <strong>{t('fd.trace.issue')}</strong>{' '}
          {e.issueId && <Link href={`/issues/${e.issueId}`}>{t('fd.openIssue')}</Link>}
        </>
      );
    case 'transition':
      return (
        <>
          <strong>{t('fd.trace.transition')}</strong>{' '}
          {isStatus(e.toStatus) ? statusText(e.toStatus) : (e.toStatus ?? '')}
          {e.actorName && <span class="muted"> · {e.actorName}</span>}
          {e.note && <span class="pre"> — {e.note}</span>}
        </>
      );
    case 'escalation_sent':
      return (
        <>
          <strong>{t('fd.trace.escalation')}</strong> {e.authorityName ?? ''}
          {e.reference && <span class="muted"> · {e.reference}</span>}
        </>
      );
    case 'answer_received':
      return (
        <>
          <strong>{t('fd.trace.answer')}</strong> {e.authorityName ?? ''}
          {e.responseText && <blockquote class="pre">{e.responseText}</blockquote>}
        </>
      );
    default:
      return null;
  }
}

// ---- Writing a finding ------------------------------------------------------------------------

function New() {
  const user = me.value;
  const [statement, setStatement] = useState('');
  const [category, setCategory] = useState<Category | ''>('');
  const [territoryIds, setTerritoryIds] = useState<string[]>([]);
  const [picking, setPicking] = useState<string | null>(user?.territoryId ?? null);
  const [surveys, setSurveys] = useState<SurveyCard[]>([]);
  const [surveyId, setSurveyId] = useState(query().get('survey') ?? '');
  const [survey, setSurvey] = useState<SurveyCard | null>(null);
  const [question, setQuestion] = useState(query().get('question') ?? '');
  const [by, setBy] = useState<ResultGrouping>(
    (query().get('by') as ResultGrouping | null) ?? 'gender',
  );
  const [preview, setPreview] = useState<SurveyResults | null>(null);
  const [groups, setGroups] = useState<EventView[]>([]);
  const [eventIds, setEventIds] = useState<string[]>(query().getAll('event'));
  const action = useAction();
  const errors = fieldErrors(action.error);

  useEffect(() => {
    ok(api.GET('/api/v1/surveys', { params: { query: { limit: 100 } } })).then(
      (p) => setSurveys(p.items),
      () => undefined,
    );
    ok(api.GET('/api/v1/events', { params: { query: { kind: 'focus_group', limit: 100 } } })).then(
      (p) => setGroups(p.items),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    setSurvey(null);
    if (!surveyId) return;
    ok(api.GET('/api/v1/surveys/{id}', { params: { path: { id: surveyId } } })).then(
      setSurvey,
      () => undefined,
    );
  }, [surveyId]);
  useEffect(() => {
    setPreview(null);
    if (!surveyId || !question) return;
    let live = true;
    ok(
      api.GET('/api/v1/surveys/{id}/results', {
        params: { path: { id: surveyId }, query: { by, question } },
      }),
    ).then(
      (r) => live && setPreview(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [surveyId, question, by]);

  if (!isStaff.value) return <Alert>{t('app.forbiddenScreen')}</Alert>;

  const questions = (survey?.questions ?? []).filter(
    (q) =>
      !q.retired && ['single_choice', 'multi_choice', 'yes_no', 'scale', 'rank'].includes(q.type),
  );
  const shown = preview?.questions.find((q) => q.key === question);

  async function save(e: Event) {
    e.preventDefault();
    let id = '';
    const done = await action.run(async () => {
      const made = await ok(
        api.POST('/api/v1/findings', {
          headers: { 'idempotency-key': newId() },
          body: {
            statement: statement.trim(),
            language: lang.value,
            category: category as Category,
            territoryIds,
            evidence: {
              ...(surveyId ? { surveyId, question: question || undefined, by } : {}),
              ...(eventIds.length ? { eventIds } : {}),
            },
          },
        }),
      );
      id = made.id;
    });
    if (done) navigate(`/findings/${id}`, true);
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <h1>{t('fd.new')}</h1>
      <ProblemAlert error={action.error} />
      <Field
        id="fd-statement"
        label={t('fd.statement')}
        hint={t('fd.statementHint')}
        value={statement}
        onInput={setStatement}
        multiline
        rows={3}
        error={errors['statement']}
      />
      <Select
        id="fd-category"
        label={t('issues.category')}
        value={category}
        onChange={setCategory}
        any={t('issues.place.choose')}
        options={CATEGORIES.map((c) => [c, categoryText(c)] as const)}
        error={errors['category']}
      />
      <TerritoryPicker
        id="fd-territory"
        legend={t('fd.territories')}
        value={picking}
        onChange={setPicking}
        userId={user?.id}
      />
      <div class="row">
        <button
          type="button"
          disabled={!picking || territoryIds.includes(picking)}
          onClick={() => picking && setTerritoryIds([...territoryIds, picking])}
        >
          {t('fd.addPlace')}
        </button>
      </div>
      <ul class="plain row">
        {territoryIds.map((id) => (
          <li key={id}>
            <button
              type="button"
              class="link"
              aria-label={t('fd.removePlace', { name: territoryName(territoryById(id)) })}
              onClick={() => setTerritoryIds(territoryIds.filter((x) => x !== id))}
            >
              {territoryName(territoryById(id))} ✕
            </button>
          </li>
        ))}
      </ul>
      {errors['territoryIds'] && <p class="error">{errors['territoryIds']}</p>}

      <fieldset>
        <legend>{t('fd.fromSurvey')}</legend>
        <Select
          id="fd-survey"
          label={t('fd.survey')}
          value={surveyId}
          onChange={(v) => {
            setSurveyId(v);
            setQuestion('');
          }}
          any={t('fd.noSurvey')}
          options={surveys.map((s) => [s.id, localised(s.title)] as const)}
          error={errors['evidence.surveyId']}
        />
        {surveyId && (
          <>
            <Select
              id="fd-question"
              label={t('fd.question')}
              value={question}
              onChange={setQuestion}
              any={t('issues.place.choose')}
              options={questions.map((q) => [q.key, localised(q.label) || q.key] as const)}
              error={errors['evidence.question']}
            />
            <Select
              id="fd-by"
              label={t('res.by')}
              value={by}
              onChange={setBy}
              options={RESULT_GROUPINGS.map((g) => [g, groupingText(g)] as const)}
            />
          </>
        )}
        {preview && shown && (
          <div class="evidence">
            <p class="muted small">{t('fd.willFreeze')}</p>
            <Legend minCellSize={preview.minCellSize} />
            <QuestionTable
              question={shown}
              groups={preview.groups}
              by={groupings(preview.by)}
              headingLevel={3}
            />
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('fd.focusGroups')}</legend>
        {groups.length === 0 && <p class="muted">{t('fg.none')}</p>}
        {groups.map((g) => {
          const [title, titleLang] = pick(g.title);
          return (
            <label class="check" key={g.id}>
              <input
                type="checkbox"
                checked={eventIds.includes(g.id)}
                onChange={(e) =>
                  setEventIds(
                    e.currentTarget.checked
                      ? [...eventIds, g.id]
                      : eventIds.filter((x) => x !== g.id),
                  )
                }
              />
              <span>
                <span lang={titleLang}>{title || t('fg.untitled')}</span>{' '}
                <span class="muted small">
                  {day(g.startsAt)}
                  {g.group ? ` · ${t(`fg.group.${g.group}` as MessageKey)}` : ''}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <button type="submit" class="primary" disabled={action.busy}>
        {t('fd.create')}
      </button>
    </form>
  );
}
