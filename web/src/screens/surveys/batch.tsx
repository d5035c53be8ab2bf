// The enumerator's batch entry (/surveys/:id/batch): paper forms typed in one after another on a
// phone. Each form: the respondent's gender, age band and village (no name), the date it was
// collected, the answers. "Save and next" keeps the form on the phone (outbox, an id made here),
// keeps the village and the date for the next form, clears the rest and puts the focus back on
// the first field. The counters say how many were entered in this batch and how many still wait
// to be sent; it all works offline, and on reconnect the hub is asked which it already has.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { loadDraft, saveDraft } from '../../offline/db.js';
import { me, outbox } from '../../session.js';
import { Alert, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { loadTerritories } from '../../ui/territory-picker.js';
import type { Answers } from '../../surveys/contract.js';
import { WaitingNote, errorOrder, focusFirstError } from '../../surveys/fill.js';
import { SurveyQuestions } from '../../surveys/form.js';
import { judge, localised, problemWords } from '../../surveys/form-state.js';
import {
  EMPTY_RESPONDENT,
  RespondentFields,
  respondentProblems,
  type RespondentDraft,
} from '../../surveys/respondent.js';
import { queueSubmission, reconcileOnReconnect, surveyScope } from '../../surveys/submissions.js';
import { useSurvey } from '../../surveys/use-survey.js';
import './surveys.css';

interface Kept {
  territoryId: string;
  collectedOn: string;
  count: number;
}

/** Today on the phone's calendar, as YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export default function Batch(props: ScreenProps) {
  const id = props.params.id;
  const user = me.value;
  const box = outbox();
  const { survey, error, kept: keptCopy } = useSurvey(id, user?.id);
  const [respondent, setRespondent] = useState<RespondentDraft>(EMPTY_RESPONDENT);
  const [collectedOn, setCollectedOn] = useState(today());
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [count, setCount] = useState(0);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [storeError, setStoreError] = useState<unknown>(null);
  const first = useRef<HTMLInputElement>(null);
  const draftKey = `survey-batch:${id}`;

  useEffect(() => void loadTerritories(user?.id), [user?.id]);
  useEffect(() => (box ? reconcileOnReconnect(box, id) : undefined), [box, id]);
  useEffect(() => {
    if (!user) return;
    void loadDraft<Kept>(user.id, draftKey)
      .then((k) => {
        if (!k) return;
        setRespondent((r) => ({ ...r, territoryId: k.territoryId }));
        if (k.collectedOn) setCollectedOn(k.collectedOn);
        setCount(k.count ?? 0);
      })
      .catch(() => undefined);
  }, [user?.id, id]);

  function keep(patch: Partial<Kept>) {
    const next = { territoryId: respondent.territoryId, collectedOn, count, ...patch };
    if (user) void saveDraft(user.id, draftKey, next).catch(() => undefined);
  }

  async function saveAndNext(e: Event) {
    e.preventDefault();
    if (!survey || !box) return;
    const judged = judge(survey.questions, answers);
    const found: Record<string, string> = { ...respondentProblems(respondent) };
    if (!collectedOn) found.collectedOn = t('surveys.err.required');
    for (const [key, p] of Object.entries(judged.problems)) found[key] = problemWords(p);
    setErrors(found);
    setSaved(null);
    if (Object.keys(found).length) {
      if (found.collectedOn) document.getElementById('batch-date')?.focus();
      else focusFirstError('batch', found, errorOrder(survey));
      return;
    }
    const body = {
      version: survey.version,
      mode: 'paper' as const,
      respondent: {
        gender: respondent.gender as Exclude<RespondentDraft['gender'], ''>,
        ageBand: respondent.ageBand as Exclude<RespondentDraft['ageBand'], ''>,
        territoryId: respondent.territoryId,
      },
      answers: judged.answers,
      collectedOn,
    };
    // The next form at once, before the phone has written this one: what is typed next (another
    // village chosen straight away) is never overwritten by this form's ending. The same village
    // and date, everything else empty, the focus on its start.
    const n = count + 1;
    setCount(n);
    setSaved(n);
    keep({ count: n });
    setRespondent({ ...EMPTY_RESPONDENT, territoryId: respondent.territoryId });
    setAnswers({});
    window.scrollTo(0, 0);
    first.current?.focus();
    setBusy(true);
    try {
      await queueSubmission(box, { surveyId: survey.id }, body);
      setStoreError(null);
    } catch (error) {
      // The phone could not keep it (storage full or refused): give the form back as it was.
      setStoreError(error);
      setRespondent(respondent);
      setAnswers(answers);
      setCount(count);
      setSaved(null);
      keep({ count });
    } finally {
      setBusy(false);
    }
  }

  const items = box?.forScope(surveyScope(id)) ?? [];
  const failed = items.filter((i) => i.state === 'failed');
  return (
    <div class="surveys narrow batch">
      <p>
        <Link href="/surveys">{t('surveys.back')}</Link>
      </p>
      {!survey && <ProblemAlert error={error} />}
      {!survey && !error && <p class="loading">{t('app.loading')}</p>}
      {survey && (
        <>
          <h1>{t('surveys.batch.title', { title: localised(survey.title) })}</h1>
          {keptCopy && <Alert kind="info">{t('surveys.keptCopy')}</Alert>}
          <p class="batch-counters" role="status" aria-live="polite">
            <span class="badge">{t('surveys.batch.entered', { count })}</span>{' '}
            <span class="badge">{t('surveys.batch.waiting', { count: items.length })}</span>
            {saved !== null && (
              <span class="visually-hidden">{t('surveys.batch.saved', { n: saved })}</span>
            )}
          </p>
          {count > 0 && (
            <p class="batch-tools">
              <button
                type="button"
                class="link"
                onClick={() => {
                  setCount(0);
                  setSaved(null);
                  keep({ count: 0 });
                }}
              >
                {t('surveys.batch.newBatch')}
              </button>
            </p>
          )}
          {failed.length > 0 && box && (
            <section class="panel" aria-labelledby="batch-failed">
              <h2 id="batch-failed">{t('surveys.batch.refused')}</h2>
              <ul class="plain">
                {failed.map((item) => (
                  <li key={item.id}>
                    <WaitingNote item={item} box={box} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          <form class="survey-form" onSubmit={(e) => void saveAndNext(e)} noValidate>
            <section class="panel" aria-labelledby="batch-who">
              <h2 id="batch-who">{t('surveys.batch.who', { n: count + 1 })}</h2>
              <RespondentFields
                id="batch-r"
                value={respondent}
                onChange={(r) => {
                  setRespondent(r);
                  if (r.territoryId !== respondent.territoryId)
                    keep({ territoryId: r.territoryId });
                }}
                scope={survey.territoryIds}
                errors={errors}
                firstRef={first}
              />
              <div class="field">
                <label for="batch-date">{t('surveys.batch.collectedOn')}</label>
                <input
                  id="batch-date"
                  type="date"
                  value={collectedOn}
                  max={today()}
                  aria-invalid={errors.collectedOn ? true : undefined}
                  onInput={(e) => {
                    setCollectedOn(e.currentTarget.value);
                    keep({ collectedOn: e.currentTarget.value });
                  }}
                />
              </div>
            </section>
            <SurveyQuestions
              id="batch"
              questions={survey.questions}
              answers={answers}
              onChange={setAnswers}
              errors={errors}
            />
            {Object.keys(errors).length > 0 && <Alert>{t('surveys.fixErrors')}</Alert>}
            <ProblemAlert error={storeError} />
            <div class="actions">
              <button type="submit" class="primary" disabled={busy}>
                {t('surveys.batch.next')}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
