// The survey builder (/surveys/new, /surveys/:id/edit; facilitators and admins): title and
// description per language, anonymous, the smallest cell shown, territories, audiences, dates,
// and the questions of every type with labels per language, choices, required, ranges, and skip
// logic and constraints as simple rule editors (or raw JSONLogic). Checked on the phone with the
// hub's own checkRules; a live preview shows the respondent's form in each language. A draft is
// saved (POST, then PATCH) and opened; the hub takes a PATCH only for a draft, so after that the
// survey's own fields are shown locked with a note, and a change of questions is a new version
// (the hub's 409 says why when a key would change its type or lose a choice).
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { newId } from '../../api/client.js';
import { ApiError } from '../../api/client.js';
import { LANG_NAMES, t, type Lang, type MessageKey } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { me } from '../../session.js';
import { useAction } from '../../ui/action.js';
import { Alert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { PublicLinks } from './links.js';
import { problemText } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';
import {
  TerritoryPicker,
  aimakOf,
  loadTerritories,
  territoryById,
  territoryName,
} from '../../ui/territory-picker.js';
import {
  createSurvey,
  getSurvey,
  newVersion,
  transitionSurvey,
  updateSurvey,
  type SurveyInput,
  type SurveyView,
} from '../../surveys/api.js';
import {
  CHOICE_TYPES,
  DEFAULT_MIN_CELL_SIZE,
  LOWEST_MIN_CELL_SIZE,
  QUESTION_KEY_PATTERN,
  QUESTION_TYPES,
  SURVEY_AUDIENCES,
  checkRules,
  type Answers,
  type LocalisedText,
  type QuestionType,
  type RuleProblem,
  type SurveyQuestion,
} from '../../surveys/contract.js';
import { focusable } from '../../surveys/fill.js';
import { SurveyQuestions } from '../../surveys/form.js';
import { localised } from '../../surveys/form-state.js';
import {
  CONSTRAINT_OPS,
  conditionSources,
  constraintRule,
  parseRule,
  readConstraint,
  readRelevant,
  relevantRule,
  type SimpleConstraint,
} from '../../surveys/rules.js';
import './surveys.css';

const EDIT_LANGS = ['ky', 'ru', 'en'] as const;
type EditLang = (typeof EDIT_LANGS)[number];
/** Languages a text must have before the survey is saved. */
const NEEDED: readonly EditLang[] = ['ky', 'ru'];

interface Draft {
  title: LocalisedText;
  description: LocalisedText;
  anonymous: boolean;
  minCellSize: number;
  territoryIds: string[];
  audiences: string[];
  opensAt: string;
  closesAt: string;
  questions: SurveyQuestion[];
}

const EMPTY: Draft = {
  title: {},
  description: {},
  anonymous: false,
  minCellSize: DEFAULT_MIN_CELL_SIZE,
  territoryIds: [],
  audiences: [],
  opensAt: '',
  closesAt: '',
  questions: [],
};

const typeText = (type: QuestionType) => t(`surveys.type.${type}` as MessageKey);
const takesRange = (type: QuestionType) =>
  ['scale', 'integer', 'decimal', 'text', 'long_text', 'multi_choice', 'rank'].includes(type);
const numeric = (type: QuestionType) =>
  type === 'integer' || type === 'decimal' || type === 'scale';

function fromSurvey(s: SurveyView): Draft {
  return {
    title: s.title,
    description: s.description ?? {},
    anonymous: s.anonymous,
    minCellSize: s.minCellSize,
    territoryIds: s.territoryIds,
    audiences: s.audiences ?? [],
    opensAt: s.opensAt?.slice(0, 10) ?? '',
    closesAt: s.closesAt?.slice(0, 10) ?? '',
    questions: s.questions,
  };
}

function compact(text: LocalisedText): LocalisedText {
  const out: LocalisedText = {};
  for (const [l, s] of Object.entries(text)) if (s?.trim()) out[l as EditLang] = s.trim();
  return out;
}

function toInput(d: Draft): SurveyInput {
  const description = compact(d.description);
  return {
    title: compact(d.title),
    ...(Object.keys(description).length ? { description } : {}),
    anonymous: d.anonymous,
    minCellSize: d.minCellSize,
    territoryIds: d.territoryIds,
    audiences: d.audiences,
    ...(d.opensAt ? { opensAt: new Date(d.opensAt).toISOString() } : {}),
    ...(d.closesAt ? { closesAt: new Date(d.closesAt).toISOString() } : {}),
    questions: d.questions.map((q) => ({
      ...q,
      label: compact(q.label),
      ...(q.choices ? { choices: q.choices.map((c) => ({ ...c, label: compact(c.label) })) } : {}),
    })),
  };
}

/** A rule problem in the builder's words. */
function ruleWords(p: RuleProblem): string {
  const name = String(p.params?.name ?? p.params?.operator ?? p.params?.code ?? '');
  return t(`surveys.rule.${p.code}` as MessageKey, { name });
}

/** Everything the builder finds wrong, by place: `title`, `q:<index>`, `q:<index>:<field>`. */
function problems(d: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  const missing = (text: LocalisedText) => NEEDED.filter((l) => !text[l]?.trim());
  const m = missing(d.title);
  if (m.length)
    out.title = t('surveys.b.needLangs', { langs: m.map((l) => LANG_NAMES[l]).join(', ') });
  if (!d.territoryIds.length) out.territories = t('surveys.b.needTerritory');
  if (d.minCellSize < LOWEST_MIN_CELL_SIZE)
    out.minCellSize = t('surveys.err.tooSmall', { min: LOWEST_MIN_CELL_SIZE });
  if (!d.questions.length) out.questions = t('surveys.b.needQuestion');
  d.questions.forEach((q, i) => {
    const lm = missing(q.label);
    if (lm.length)
      out[`q:${i}:label`] = t('surveys.b.needLangs', {
        langs: lm.map((l) => LANG_NAMES[l]).join(', '),
      });
    if (q.choices?.some((c) => missing(c.label).length || !c.code))
      out[`q:${i}:choices`] = t('surveys.b.choiceLabels');
  });
  for (const p of checkRules(d.questions)) {
    const i = d.questions.findIndex((q) => q.key === p.key);
    const at = `q:${i}:${p.field}`;
    out[at] ??= ruleWords(p);
  }
  return out;
}

function blankQuestion(n: number): SurveyQuestion {
  return { key: `q${n}`, type: 'single_choice', label: {}, required: false, choices: [] };
}

export default function Builder(props: ScreenProps) {
  const id = props.params.id as string | undefined;
  const user = me.value;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [survey, setSurvey] = useState<SurveyView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [picking, setPicking] = useState<string | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const [previewLang, setPreviewLang] = useState<Lang>('ky');
  const [previewAnswers, setPreviewAnswers] = useState<Answers>({});
  const [saved, setSaved] = useState<MessageKey | null>(null);
  const save = useAction();

  useEffect(() => {
    if (!user) return;
    void loadTerritories(user.id).finally(() => setPicking((p) => p ?? aimakOf(user.territoryId)));
  }, [user?.id]);
  useEffect(() => {
    if (!id) return;
    getSurvey(id).then((s) => {
      setSurvey(s);
      setDraft(fromSurvey(s));
    }, setLoadError);
  }, [id]);

  const status = survey?.status ?? 'draft';
  const answered = !!survey && (status !== 'draft' || !!survey.hasSubmissions);
  const found = problems(draft);
  const shownProblems = showProblems ? found : {};

  function change(patch: Partial<Draft>) {
    setDraft({ ...draft, ...patch });
    setSaved(null);
  }
  function changeQuestion(i: number, patch: Partial<SurveyQuestion>) {
    const questions = draft.questions.map((q, j) => (j === i ? clean({ ...q, ...patch }) : q));
    change({ questions });
  }
  function clean(q: SurveyQuestion): SurveyQuestion {
    const out = { ...q };
    if (!CHOICE_TYPES.includes(out.type)) delete out.choices;
    else out.choices ??= [];
    if (!takesRange(out.type)) {
      delete out.min;
      delete out.max;
    }
    if (out.type === 'note') {
      delete out.required;
      delete out.constraint;
    }
    return out;
  }
  function move(i: number, by: number) {
    const questions = [...draft.questions];
    const [q] = questions.splice(i, 1);
    questions.splice(i + by, 0, q);
    change({ questions });
  }

  async function submit(e: Event) {
    e.preventDefault();
    setShowProblems(true);
    if (Object.keys(found).length) {
      focusable(document.querySelector<HTMLElement>('.builder [aria-invalid="true"]'))?.focus();
      return;
    }
    const body = toInput(draft);
    await save.run(async () => {
      if (!survey) {
        const made = await createSurvey(body, newId());
        setSurvey(made);
        setSaved('surveys.b.saved');
        navigate(`/surveys/${made.id}/edit`, true);
      } else if (status === 'draft') {
        setSurvey(await updateSurvey(survey.id, body));
        setSaved('surveys.b.saved');
      } else {
        setSurvey(await newVersion(survey.id, body.questions, newId()));
        setSaved('surveys.b.versionSaved');
      }
    });
  }

  async function transition(to: 'open' | 'closed' | 'archived') {
    if (!survey) return;
    await save.run(async () => {
      setSurvey(await transitionSurvey(survey.id, to));
      setSaved(`surveys.b.now.${to}` as MessageKey);
    });
  }

  if (id && !survey)
    return (
      <div class="surveys">
        {loadError ? (
          <Alert>{problemText(loadError)}</Alert>
        ) : (
          <p class="loading">{t('app.loading')}</p>
        )}
      </div>
    );

  const error = save.error;
  const detail = error instanceof ApiError && error.status === 409 ? error.problem.detail : null;
  const hubFields = error instanceof ApiError ? (error.problem.errors ?? []) : [];

  return (
    <div class="surveys builder">
      <p>
        <Link href="/surveys">{t('surveys.back')}</Link>
      </p>
      <h1>{survey ? t('surveys.b.editTitle') : t('surveys.new')}</h1>
      {survey && (
        <p class="meta">
          <span class={`badge status-${status}`}>
            {t(`surveys.status.${status}` as MessageKey)}
          </span>{' '}
          <span class="muted">{t('surveys.b.version', { n: survey.version })}</span>
        </p>
      )}
      {answered && <Alert kind="info">{t('surveys.b.versionNote')}</Alert>}
      <p class="to-preview">
        <a href="#b-preview">{t('surveys.b.toPreview')}</a>
      </p>
      <div class="builder-grid">
        <form class="builder-form" onSubmit={(e) => void submit(e)} noValidate>
          <section class="panel" aria-labelledby="b-about">
            <h2 id="b-about">{t('surveys.b.about')}</h2>
            {survey && status !== 'draft' && (
              <p class="hint" id="b-fixed">
                {t('surveys.b.fixedOnceOpen')}
              </p>
            )}
            <LangTexts
              id="b-title"
              label={t('surveys.b.surveyTitle')}
              value={draft.title}
              disabled={status !== 'draft'}
              onChange={(title) => change({ title })}
              error={shownProblems.title}
            />
            <LangTexts
              id="b-description"
              label={t('surveys.b.description')}
              value={draft.description}
              disabled={status !== 'draft'}
              multiline
              onChange={(description) => change({ description })}
            />
            <label class="check">
              <input
                type="checkbox"
                checked={draft.anonymous}
                disabled={answered}
                onChange={(e) => change({ anonymous: e.currentTarget.checked })}
              />
              {t('surveys.b.anonymous')}
            </label>
            <div class="field">
              <label for="b-min-cell">{t('surveys.b.minCellSize')}</label>
              <input
                id="b-min-cell"
                type="number"
                min={LOWEST_MIN_CELL_SIZE}
                value={draft.minCellSize}
                disabled={answered}
                aria-invalid={shownProblems.minCellSize ? true : undefined}
                aria-describedby="b-min-cell-hint"
                onInput={(e) => change({ minCellSize: Number(e.currentTarget.value) })}
              />
              <small class="hint" id="b-min-cell-hint">
                {shownProblems.minCellSize ?? t('surveys.b.minCellHint')}
              </small>
            </div>
            <fieldset class="field checks inline">
              <legend>{t('surveys.b.audiences')}</legend>
              {SURVEY_AUDIENCES.map((a) => (
                <label key={a} class="check">
                  <input
                    type="checkbox"
                    checked={draft.audiences.includes(a)}
                    disabled={status !== 'draft'}
                    onChange={(e) =>
                      change({
                        audiences: e.currentTarget.checked
                          ? [...draft.audiences, a]
                          : draft.audiences.filter((x) => x !== a),
                      })
                    }
                  />
                  {t(`surveys.audience.${a}` as MessageKey)}
                </label>
              ))}
            </fieldset>
            <div class="row dates">
              <div class="field">
                <label for="b-opens">{t('surveys.b.opensAt')}</label>
                <input
                  id="b-opens"
                  type="date"
                  value={draft.opensAt}
                  disabled={status !== 'draft'}
                  onInput={(e) => change({ opensAt: e.currentTarget.value })}
                />
              </div>
              <div class="field">
                <label for="b-closes">{t('surveys.b.closesAt')}</label>
                <input
                  id="b-closes"
                  type="date"
                  value={draft.closesAt}
                  disabled={status !== 'draft'}
                  onInput={(e) => change({ closesAt: e.currentTarget.value })}
                />
              </div>
            </div>
          </section>

          <section class="panel" aria-labelledby="b-where">
            <h2 id="b-where">{t('surveys.b.territories')}</h2>
            {draft.territoryIds.length > 0 && (
              <ul class="plain chosen-places">
                {draft.territoryIds.map((tid) => {
                  const name = territoryName(territoryById(tid)) || tid;
                  return (
                    <li key={tid}>
                      <span>{name}</span>
                      {status === 'draft' && (
                        <button
                          type="button"
                          onClick={() =>
                            change({ territoryIds: draft.territoryIds.filter((x) => x !== tid) })
                          }
                        >
                          {t('raise.remove', { name })}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
            {status === 'draft' && (
              <>
                <TerritoryPicker
                  id="b-place"
                  legend={t('issues.territory')}
                  userId={user?.id}
                  value={picking}
                  onChange={setPicking}
                />
                <button
                  type="button"
                  disabled={!picking || draft.territoryIds.includes(picking)}
                  onClick={() =>
                    picking && change({ territoryIds: [...draft.territoryIds, picking] })
                  }
                >
                  {t('raise.add')}
                </button>
              </>
            )}
            {shownProblems.territories && (
              <p class="error alert" role="alert">
                {shownProblems.territories}
              </p>
            )}
          </section>

          <section class="panel" aria-labelledby="b-questions">
            <h2 id="b-questions">{t('surveys.b.questions')}</h2>
            {draft.questions.map((q, i) => (
              <QuestionEditor
                key={i}
                index={i}
                q={q}
                all={draft.questions}
                locked={answered && (survey?.questions.some((p) => p.key === q.key) ?? false)}
                savedChoices={
                  answered
                    ? (survey?.questions.find((p) => p.key === q.key)?.choices?.length ?? 0)
                    : 0
                }
                problems={shownProblems}
                onChange={(patch) => changeQuestion(i, patch)}
                onMove={(by) => move(i, by)}
                onRemove={() => change({ questions: draft.questions.filter((_, j) => j !== i) })}
              />
            ))}
            {shownProblems.questions && <Alert>{shownProblems.questions}</Alert>}
            <button
              type="button"
              onClick={() =>
                change({
                  questions: [...draft.questions, blankQuestion(draft.questions.length + 1)],
                })
              }
            >
              {t('surveys.b.addQuestion')}
            </button>
          </section>

          {showProblems && Object.keys(found).length > 0 && (
            <Alert>{t('surveys.b.fix', { count: Object.keys(found).length })}</Alert>
          )}
          {error !== null && (
            <div class="alert error" role="alert">
              <p>{problemText(error)}</p>
              {detail && <p>{detail}</p>}
              {hubFields.length > 0 && (
                <ul>
                  {hubFields.map((f) => (
                    <li key={f.field}>
                      <code>{f.field}</code>: {f.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {saved && error === null && <Alert kind="info">{t(saved)}</Alert>}
          <div class="actions">
            {status !== 'archived' && (
              <button type="submit" class="primary" disabled={save.busy}>
                {!survey
                  ? t('surveys.b.saveDraft')
                  : status === 'draft'
                    ? t('surveys.b.save')
                    : t('surveys.b.saveVersion')}
              </button>
            )}
            {survey && status === 'draft' && (
              <button type="button" disabled={save.busy} onClick={() => void transition('open')}>
                {t('surveys.b.open')}
              </button>
            )}
            {survey && status === 'open' && (
              <button type="button" disabled={save.busy} onClick={() => void transition('closed')}>
                {t('surveys.b.close')}
              </button>
            )}
            {survey && status === 'closed' && (
              <button
                type="button"
                disabled={save.busy}
                onClick={() => void transition('archived')}
              >
                {t('surveys.b.archive')}
              </button>
            )}
          </div>
        </form>
        {survey && (status === 'open' || status === 'closed') && (
          <PublicLinks surveyId={survey.id} open={status === 'open'} />
        )}

        <section class="panel preview" aria-labelledby="b-preview">
          <h2 id="b-preview">{t('surveys.b.preview')}</h2>
          <Select
            id="b-preview-lang"
            label={t('surveys.b.previewLang')}
            value={previewLang}
            options={EDIT_LANGS.map((l) => [l, LANG_NAMES[l]] as const)}
            onChange={(l) => setPreviewLang(l)}
          />
          <div lang={previewLang} class="preview-body">
            <h3>{localised(draft.title, previewLang) || t('surveys.untitled')}</h3>
            {localised(draft.description, previewLang) && (
              <p class="muted">{localised(draft.description, previewLang)}</p>
            )}
            <SurveyQuestions
              id="preview"
              questions={draft.questions.filter((q) => QUESTION_KEY_PATTERN.test(q.key))}
              answers={previewAnswers}
              onChange={setPreviewAnswers}
              lang={previewLang}
            />
            <button type="button" onClick={() => setPreviewAnswers({})}>
              {t('surveys.b.previewReset')}
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}

/** One text in each language (ky, ru required; en optional). */
function LangTexts(props: {
  id: string;
  label: string;
  value: LocalisedText;
  onChange: (v: LocalisedText) => void;
  multiline?: boolean;
  disabled?: boolean;
  error?: string;
}) {
  return (
    <fieldset class="field lang-texts" aria-invalid={props.error ? true : undefined}>
      <legend>{props.label}</legend>
      {EDIT_LANGS.map((l) => {
        const id = `${props.id}-${l}`;
        const common = {
          id,
          value: props.value[l] ?? '',
          disabled: props.disabled,
          lang: l,
          'aria-invalid':
            props.error && NEEDED.includes(l) && !props.value[l]?.trim() ? true : undefined,
          onInput: (e: Event) =>
            props.onChange({ ...props.value, [l]: (e.currentTarget as HTMLInputElement).value }),
        };
        return (
          <div class="field" key={l}>
            <label for={id}>
              {LANG_NAMES[l]}
              {NEEDED.includes(l) ? '' : ` ${t('surveys.b.optional')}`}
            </label>
            {props.multiline ? (
              <textarea {...common} rows={2} />
            ) : (
              <input {...common} type="text" />
            )}
          </div>
        );
      })}
      {props.error && <small class="error">{props.error}</small>}
    </fieldset>
  );
}

function QuestionEditor(props: {
  index: number;
  q: SurveyQuestion;
  all: SurveyQuestion[];
  /** Answered already: its key, type and choice codes stay. */
  locked: boolean;
  /** How many of its choices were answered already (the first ones: those cannot move or go). */
  savedChoices: number;
  problems: Record<string, string>;
  onChange: (patch: Partial<SurveyQuestion>) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { q, index: i, problems: p } = props;
  const base = `bq-${i}`;
  const title = localised(q.label) || q.key;
  const choices = q.choices ?? [];
  return (
    <fieldset class={`question-editor${q.retired ? ' retired' : ''}`}>
      <legend>{t('surveys.b.questionN', { n: i + 1, title })}</legend>
      <div class="row">
        <div class="field">
          <label for={`${base}-key`}>{t('surveys.b.key')}</label>
          <input
            id={`${base}-key`}
            type="text"
            value={q.key}
            disabled={props.locked}
            autoCapitalize="off"
            aria-invalid={p[`q:${i}:key`] ? true : undefined}
            aria-describedby={`${base}-key-hint`}
            onInput={(e) => props.onChange({ key: e.currentTarget.value })}
          />
          <small class={p[`q:${i}:key`] ? 'error' : 'hint'} id={`${base}-key-hint`}>
            {p[`q:${i}:key`] ?? t('surveys.b.keyHint')}
          </small>
        </div>
        <Select
          id={`${base}-type`}
          label={t('surveys.b.type')}
          value={q.type}
          options={(props.locked ? [q.type] : QUESTION_TYPES).map((x) => [x, typeText(x)] as const)}
          onChange={(type) => props.onChange({ type })}
        />
      </div>
      <LangTexts
        id={`${base}-label`}
        label={t('surveys.b.label')}
        value={q.label}
        onChange={(label) => props.onChange({ label })}
        error={p[`q:${i}:label`]}
      />
      {q.type !== 'note' && (
        <label class="check">
          <input
            type="checkbox"
            checked={!!q.required}
            onChange={(e) => props.onChange({ required: e.currentTarget.checked })}
          />
          {t('surveys.b.required')}
        </label>
      )}
      {CHOICE_TYPES.includes(q.type) && (
        <fieldset class="choices" aria-invalid={p[`q:${i}:choices`] ? true : undefined}>
          <legend>{t('surveys.b.choices')}</legend>
          {choices.map((c, j) => {
            const kept = props.locked && j < props.savedChoices;
            const setChoice = (patch: Partial<typeof c>) =>
              props.onChange({
                choices: choices.map((x, k) => (k === j ? { ...x, ...patch } : x)),
              });
            return (
              <div class="choice-row" key={j}>
                <div class="field">
                  <label for={`${base}-c${j}-code`}>{t('surveys.b.code')}</label>
                  <input
                    id={`${base}-c${j}-code`}
                    type="text"
                    value={c.code}
                    disabled={kept}
                    autoCapitalize="off"
                    onInput={(e) => setChoice({ code: e.currentTarget.value })}
                  />
                </div>
                {EDIT_LANGS.map((l) => (
                  <div class="field" key={l}>
                    <label for={`${base}-c${j}-${l}`}>{LANG_NAMES[l]}</label>
                    <input
                      id={`${base}-c${j}-${l}`}
                      type="text"
                      lang={l}
                      value={c.label[l] ?? ''}
                      onInput={(e) =>
                        setChoice({ label: { ...c.label, [l]: e.currentTarget.value } })
                      }
                    />
                  </div>
                ))}
                {!kept && (
                  <button
                    type="button"
                    onClick={() => props.onChange({ choices: choices.filter((_, k) => k !== j) })}
                  >
                    {t('surveys.b.removeChoice', { code: c.code || String(j + 1) })}
                  </button>
                )}
              </div>
            );
          })}
          {p[`q:${i}:choices`] && <small class="error">{p[`q:${i}:choices`]}</small>}
          <button
            type="button"
            onClick={() =>
              props.onChange({
                choices: [...choices, { code: `c${choices.length + 1}`, label: {} }],
              })
            }
          >
            {t('surveys.b.addChoice')}
          </button>
        </fieldset>
      )}
      {takesRange(q.type) && (
        <div class="row">
          <NumberBox
            id={`${base}-min`}
            label={t(
              q.type === 'text' || q.type === 'long_text' ? 'surveys.b.minLength' : 'surveys.b.min',
            )}
            value={q.min}
            error={p[`q:${i}:min`]}
            onChange={(min) => props.onChange({ min })}
          />
          <NumberBox
            id={`${base}-max`}
            label={t(
              q.type === 'text' || q.type === 'long_text' ? 'surveys.b.maxLength' : 'surveys.b.max',
            )}
            value={q.max}
            onChange={(max) => props.onChange({ max })}
          />
        </div>
      )}
      <RelevantEditor {...props} base={base} />
      {numeric(q.type) && <ConstraintEditor {...props} base={base} />}
      <div class="row">
        <button type="button" disabled={i === 0} onClick={() => props.onMove(-1)}>
          {t('surveys.b.up')}
        </button>
        <button type="button" disabled={i === props.all.length - 1} onClick={() => props.onMove(1)}>
          {t('surveys.b.down')}
        </button>
        {props.locked ? (
          <button type="button" onClick={() => props.onChange({ retired: !q.retired })}>
            {q.retired ? t('surveys.b.unretire') : t('surveys.b.retire')}
          </button>
        ) : (
          <button type="button" onClick={props.onRemove}>
            {t('surveys.b.removeQuestion', { n: i + 1 })}
          </button>
        )}
      </div>
    </fieldset>
  );
}

function NumberBox(props: {
  id: string;
  label: string;
  value: number | undefined;
  error?: string;
  onChange: (v: number | undefined) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        value={props.value ?? ''}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onInput={(e) => {
          const v = e.currentTarget.value;
          props.onChange(v === '' ? undefined : Number(v));
        }}
      />
      {props.error && (
        <small class="error" id={`${props.id}-error`}>
          {props.error}
        </small>
      )}
    </div>
  );
}

/** A raw JSONLogic box: the rule as typed, set when it parses. */
function RawRule(props: {
  id: string;
  label: string;
  rule: SurveyQuestion['relevant'];
  onChange: (rule: SurveyQuestion['relevant']) => void;
}) {
  const [text, setText] = useState(props.rule ? JSON.stringify(props.rule) : '');
  const [bad, setBad] = useState(false);
  useEffect(() => {
    const parsed = parseRule(text);
    if ('error' in parsed || JSON.stringify(parsed.rule) !== JSON.stringify(props.rule))
      setText(props.rule ? JSON.stringify(props.rule) : '');
    setBad(false);
  }, [JSON.stringify(props.rule)]);
  return (
    <details class="raw-rule">
      <summary>{t('surveys.b.advanced')}</summary>
      <div class="field">
        <label for={props.id}>{props.label}</label>
        <textarea
          id={props.id}
          rows={3}
          spellcheck={false}
          value={text}
          aria-invalid={bad ? true : undefined}
          aria-describedby={`${props.id}-hint`}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setText(value);
            const parsed = parseRule(value);
            setBad('error' in parsed);
            if (!('error' in parsed)) props.onChange(parsed.rule);
          }}
        />
        <small class={bad ? 'error' : 'hint'} id={`${props.id}-hint`}>
          {bad ? t('surveys.b.badJson') : t('surveys.b.jsonHint')}
        </small>
      </div>
    </details>
  );
}

function RelevantEditor(props: {
  base: string;
  index: number;
  q: SurveyQuestion;
  all: SurveyQuestion[];
  problems: Record<string, string>;
  onChange: (patch: Partial<SurveyQuestion>) => void;
}) {
  const { q, base } = props;
  const sources = conditionSources(props.all, props.index);
  const simple = readRelevant(q.relevant);
  const custom = q.relevant !== undefined && !simple;
  const source = sources.find((s) => s.key === simple?.key);
  const values: Array<readonly [string, string]> =
    source?.type === 'yes_no'
      ? [
          ['yes', t('surveys.yes')],
          ['no', t('surveys.no')],
        ]
      : (source?.choices ?? []).map((c) => [c.code, localised(c.label) || c.code] as const);
  const set = (key: string, op: 'is' | 'not', value: string) => {
    const src = sources.find((s) => s.key === key);
    if (!key || !src) return props.onChange({ relevant: undefined });
    const v = value || (src.type === 'yes_no' ? 'yes' : (src.choices?.[0]?.code ?? ''));
    props.onChange({ relevant: relevantRule({ key, op, value: v }, src.type === 'multi_choice') });
  };
  const error = props.problems[`q:${props.index}:relevant`];
  return (
    <fieldset class="rule" aria-invalid={error ? true : undefined}>
      <legend>{t('surveys.b.showWhen')}</legend>
      {custom ? (
        <p class="muted">{t('surveys.b.customRule')}</p>
      ) : (
        <div class="row">
          <Select
            id={`${base}-rel-q`}
            label={t('surveys.b.whenQuestion')}
            value={simple?.key ?? ''}
            any={t('surveys.b.always')}
            options={sources.map((s) => [s.key, localised(s.label) || s.key] as const)}
            onChange={(key) => set(key, simple?.op ?? 'is', '')}
          />
          {simple && (
            <>
              <Select
                id={`${base}-rel-op`}
                label={t('surveys.b.whenOp')}
                value={simple.op}
                options={[
                  ['is', t('surveys.b.is')],
                  ['not', t('surveys.b.isNot')],
                ]}
                onChange={(op) => set(simple.key, op, simple.value)}
              />
              <Select
                id={`${base}-rel-v`}
                label={t('surveys.b.whenValue')}
                value={simple.value}
                options={values}
                onChange={(v) => set(simple.key, simple.op, v)}
              />
            </>
          )}
        </div>
      )}
      {error && <small class="error">{error}</small>}
      <RawRule
        id={`${base}-rel-raw`}
        label={t('surveys.b.relevantJson')}
        rule={q.relevant}
        onChange={(relevant) => props.onChange({ relevant })}
      />
    </fieldset>
  );
}

function ConstraintEditor(props: {
  base: string;
  index: number;
  q: SurveyQuestion;
  problems: Record<string, string>;
  onChange: (patch: Partial<SurveyQuestion>) => void;
}) {
  const { q, base } = props;
  const simple = readConstraint(q.key, q.constraint);
  const custom = q.constraint !== undefined && !simple;
  const set = (s: SimpleConstraint | null) =>
    props.onChange({ constraint: s ? constraintRule(q.key, s) : undefined });
  const error = props.problems[`q:${props.index}:constraint`];
  return (
    <fieldset class="rule" aria-invalid={error ? true : undefined}>
      <legend>{t('surveys.b.constraint')}</legend>
      {custom ? (
        <p class="muted">{t('surveys.b.customRule')}</p>
      ) : (
        <div class="row">
          <Select
            id={`${base}-con-op`}
            label={t('surveys.b.answerMustBe')}
            value={simple?.op ?? ''}
            any={t('surveys.b.noConstraint')}
            options={CONSTRAINT_OPS.map(
              (op) => [op, t(`surveys.b.op.${opName(op)}` as MessageKey)] as const,
            )}
            onChange={(op) => set(op ? { op, value: simple?.value ?? 0 } : null)}
          />
          {simple && (
            <NumberBox
              id={`${base}-con-v`}
              label={t('surveys.b.thanValue')}
              value={simple.value}
              onChange={(value) => set({ op: simple.op, value: value ?? 0 })}
            />
          )}
        </div>
      )}
      {error && <small class="error">{error}</small>}
      <RawRule
        id={`${base}-con-raw`}
        label={t('surveys.b.constraintJson')}
        rule={q.constraint}
        onChange={(constraint) => props.onChange({ constraint })}
      />
    </fieldset>
  );
}

function opName(op: SimpleConstraint['op']): string {
  return { '>': 'gt', '>=': 'ge', '<': 'lt', '<=': 'le', '!=': 'ne' }[op];
}
