// The respondent's form (signed in, or through a public link): who answers (no name), then the
// questions, skip logic live; checked on the phone with the hub's rules, then kept in the outbox
// under an id made here and sent. A refusal's field errors come back to their questions; without
// a connection the form is "waiting to send" until the hub has it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Problem } from '../api/client.js';
import { t } from '../i18n/index.js';
import type { Outbox, OutboxItem } from '../offline/outbox.js';
import { Alert } from '../ui/form.js';
import { problemText } from '../ui/problem.js';
import type { SurveyView } from './api.js';
import type { Answers, SubmissionMode } from './contract.js';
import { SurveyQuestions, questionId } from './form.js';
import { hubFieldErrors, judge, localised, problemWords } from './form-state.js';
import {
  EMPTY_RESPONDENT,
  RespondentFields,
  respondentProblems,
  type RespondentDraft,
} from './respondent.js';
import { publicScope, queueSubmission, settle, surveyScope, type Target } from './submissions.js';

/** Focuses the first field with an error (a question's first input, or a respondent field). */
export function focusFirstError(prefix: string, errors: Record<string, string>, order: string[]) {
  const first = order.find((k) => errors[k]);
  if (!first) return;
  const el = first.startsWith('respondent.')
    ? document.querySelector<HTMLElement>(
        first === 'respondent.territoryId'
          ? `#${prefix}-r-place`
          : `[name="${prefix}-r-${first === 'respondent.gender' ? 'gender' : 'age'}"]`,
      )
    : focusable(document.getElementById(questionId(prefix, first)));
  el?.focus();
}

/** The element itself when it takes the focus, else the first control inside it. */
export function focusable(el: HTMLElement | null): HTMLElement | null {
  if (!el) return null;
  if (/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName)) return el;
  return el.querySelector<HTMLElement>('input, select, textarea, button');
}

/** The order errors are looked at in: the respondent, then the questions. */
export const errorOrder = (survey: Pick<SurveyView, 'questions'>) => [
  'respondent.gender',
  'respondent.ageBand',
  'respondent.territoryId',
  ...survey.questions.map((q) => q.key),
];

/** An item's state in words: waiting, sending, or refused with the hub's reason. */
export function WaitingNote(props: { item: OutboxItem; box: Outbox }) {
  const { item, box } = props;
  if (item.state !== 'failed')
    return (
      <p class="outbox-note pending" role="status">
        {t(item.state === 'sending' ? 'issues.sending' : 'surveys.waiting')}
      </p>
    );
  const reason = problemText(
    new ApiError(0, { code: (item.error ?? 'internal') as Problem['code'] }),
  );
  return (
    <div class="outbox-note failed" role="alert">
      <p>{t('issues.failed', { reason })}</p>
      {item.detail && !item.fieldErrors && <p>{item.detail}</p>}
      {item.fieldErrors && (
        <ul>
          {item.fieldErrors.map((e) => (
            <li key={e.field}>{e.message}</li>
          ))}
        </ul>
      )}
      <div class="row">
        <button type="button" onClick={() => void box.retry(item.id)}>
          {t('issues.retry')}
        </button>
        <button type="button" onClick={() => void box.discard(item.id)}>
          {t('issues.discard')}
        </button>
      </div>
    </div>
  );
}

/** What the form needs of a survey (a public link's view has no territory ids). */
export type Fillable = Pick<SurveyView, 'id' | 'version' | 'questions' | 'anonymous'> & {
  description?: SurveyView['description'];
  territoryIds?: string[];
};

export function FillForm(props: {
  survey: Fillable;
  box: Outbox;
  target: Target;
  /** Omitted through a public link (the hub takes it as online). */
  mode?: SubmissionMode;
  /** The places to choose from, when the survey's view lists them (a public link's). */
  places?: Array<{ id: string; name: string }>;
  id: string;
  /** Territory to start with (the reader's own, when in the survey's scope). */
  territoryId?: string | null;
}) {
  const { survey, box } = props;
  const [respondent, setRespondent] = useState<RespondentDraft>({
    ...EMPTY_RESPONDENT,
    territoryId: props.territoryId ?? '',
  });
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<unknown>(null);
  const [sentId, setSentId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const done = useRef<HTMLHeadingElement>(null);

  // The reader's own village, once known (the territory tree may arrive after the form).
  useEffect(() => {
    if (props.territoryId)
      setRespondent((r) => (r.territoryId ? r : { ...r, territoryId: props.territoryId ?? '' }));
  }, [props.territoryId]);

  const item = sentId ? box.items.value.find((i) => i.id === sentId) : undefined;
  const stored = sentId !== null && !item;
  useEffect(() => {
    if (stored) done.current?.focus();
  }, [stored]);

  async function submit(e: Event) {
    e.preventDefault();
    const judged = judge(survey.questions, answers);
    const found: Record<string, string> = { ...respondentProblems(respondent) };
    for (const [key, p] of Object.entries(judged.problems)) found[key] = problemWords(p);
    setErrors(found);
    setRefusal(null);
    if (Object.keys(found).length) {
      focusFirstError(`${props.id}`, found, errorOrder(survey));
      return;
    }
    setBusy(true);
    try {
      const queued = await queueSubmission(box, props.target, {
        version: survey.version,
        ...(props.mode ? { mode: props.mode } : {}),
        respondent: {
          gender: respondent.gender as Exclude<RespondentDraft['gender'], ''>,
          ageBand: respondent.ageBand as Exclude<RespondentDraft['ageBand'], ''>,
          territoryId: respondent.territoryId,
        },
        answers: judged.answers,
      });
      const fate = await settle(box, queued.id);
      if (fate.state === 'failed' && fate.item) {
        // Refused: nothing was stored; the form stays as typed with the hub's words at its fields.
        const hub = hubFieldErrors(fate.item.fieldErrors);
        setErrors(hub);
        setRefusal(
          Object.keys(hub).length
            ? null
            : new ApiError(0, {
                code: (fate.item.error ?? 'internal') as Problem['code'],
                detail: fate.item.detail,
              }),
        );
        await box.discard(queued.id);
        focusFirstError(props.id, hub, errorOrder(survey));
        return;
      }
      setSentId(queued.id);
    } finally {
      setBusy(false);
    }
  }

  const scope =
    'token' in props.target ? publicScope(props.target.token) : surveyScope(props.target.surveyId);
  // Other forms from this phone still waiting (the one just sent shows above on its own).
  const others = box.forScope(scope).filter((i) => i.id !== sentId);
  const waitingList = others.length > 0 && (
    <section class="panel" aria-labelledby={`${props.id}-waiting`}>
      <h2 id={`${props.id}-waiting`}>{t('surveys.waitingTitle', { count: others.length })}</h2>
      <ul class="plain">
        {others.map((i) => (
          <li key={i.id}>
            <WaitingNote item={i} box={box} />
          </li>
        ))}
      </ul>
    </section>
  );

  if (sentId)
    return (
      <>
        <div class="panel">
          <h2 tabIndex={-1} ref={done}>
            {stored ? t('surveys.thanks') : t('surveys.savedOnPhone')}
          </h2>
          {item && <WaitingNote item={item} box={box} />}
          {stored && <p role="status">{t('surveys.stored')}</p>}
          <button
            type="button"
            onClick={() => {
              setSentId(null);
              setAnswers({});
              setErrors({});
            }}
          >
            {t('surveys.another')}
          </button>
        </div>
        {waitingList}
      </>
    );

  return (
    <form class="survey-form" onSubmit={(e) => void submit(e)} noValidate>
      {survey.description && <p class="muted">{localised(survey.description)}</p>}
      {survey.anonymous && <Alert kind="info">{t('surveys.anonymousNote')}</Alert>}
      {refusal !== null && (
        <Alert>
          {problemText(refusal)}
          {refusal instanceof ApiError && refusal.problem.detail
            ? ` ${refusal.problem.detail}`
            : ''}
        </Alert>
      )}
      <section class="panel" aria-labelledby={`${props.id}-about`}>
        <h2 id={`${props.id}-about`}>{t('surveys.aboutYou')}</h2>
        <RespondentFields
          id={`${props.id}-r`}
          value={respondent}
          onChange={setRespondent}
          scope={survey.territoryIds ?? []}
          places={props.places}
          errors={errors}
        />
      </section>
      <SurveyQuestions
        id={props.id}
        questions={survey.questions}
        answers={answers}
        onChange={setAnswers}
        errors={errors}
      />
      {Object.keys(errors).length > 0 && <Alert>{t('surveys.fixErrors')}</Alert>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('surveys.submit')}
        </button>
      </div>
      {waitingList}
    </form>
  );
}
