// A survey's questions as a form, phone first: one block per question that is relevant now
// (skip logic live, the hub's own rules), in the reader's language with a fallback, each error
// tied to its question. Used by the respondent's form, the enumerator's batch entry, the public
// link and the builder's preview.
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { AnswerValue, Answers, SurveyQuestion } from './contract.js';
import { localised, numberAnswer, shownQuestions, withAnswer } from './form-state.js';

export interface QuestionsProps {
  /** Prefix of the inputs' ids (several forms may share a page: the builder's preview). */
  id: string;
  questions: SurveyQuestion[];
  answers: Answers;
  onChange: (answers: Answers) => void;
  errors?: Record<string, string>;
  lang?: Lang;
}

export const questionId = (prefix: string, key: string) => `${prefix}-q-${key}`;

export function SurveyQuestions(props: QuestionsProps) {
  const shown = shownQuestions(props.questions, props.answers);
  return (
    <div class="survey-questions">
      {shown.map((q, i) => (
        <Question
          key={q.key}
          q={q}
          n={i + 1}
          {...props}
          value={props.answers[q.key]}
          error={props.errors?.[q.key]}
          set={(v) => props.onChange(withAnswer(props.answers, q.key, v))}
        />
      ))}
    </div>
  );
}

function Question(
  props: QuestionsProps & {
    q: SurveyQuestion;
    n: number;
    value: AnswerValue | undefined;
    error?: string;
    set: (v: AnswerValue | undefined) => void;
  },
) {
  const { q, value, lang } = props;
  const id = questionId(props.id, q.key);
  const label = localised(q.label, lang) || q.key;
  const errorId = `${id}-error`;
  const invalid = props.error ? true : undefined;
  const described = props.error ? errorId : undefined;
  const error = props.error && (
    <small id={errorId} class="error">
      {props.error}
    </small>
  );
  const mark = q.required ? (
    <span class="required" aria-hidden="true">
      {' *'}
    </span>
  ) : null;
  const text = (key: Parameters<typeof t>[0], params?: Record<string, string | number>) =>
    t(key, params, lang);

  if (q.type === 'note')
    return (
      <p class="survey-note" id={id}>
        {label}
      </p>
    );

  if (q.type === 'single_choice' || q.type === 'yes_no' || q.type === 'scale') {
    const options: Array<[string, string]> =
      q.type === 'yes_no'
        ? [
            ['yes', text('surveys.yes')],
            ['no', text('surveys.no')],
          ]
        : q.type === 'scale'
          ? range(q.min ?? 1, q.max ?? 5).map((n) => [String(n), String(n)])
          : (q.choices ?? []).map((c) => [c.code, localised(c.label, lang) || c.code]);
    return (
      <fieldset
        class={`field survey-q checks${q.type === 'scale' ? ' scale' : ''}`}
        id={id}
        aria-invalid={invalid}
        aria-describedby={described}
      >
        <legend>
          {label}
          {mark}
        </legend>
        {options.map(([code, words]) => (
          <label key={code} class="check">
            <input
              type="radio"
              name={id}
              value={code}
              checked={String(value ?? '') === code}
              onChange={() => props.set(q.type === 'scale' ? Number(code) : code)}
            />
            {words}
          </label>
        ))}
        {!q.required && value !== undefined && (
          <button type="button" class="link" onClick={() => props.set(undefined)}>
            {text('surveys.clearAnswer')}
          </button>
        )}
        {error}
      </fieldset>
    );
  }

  if (q.type === 'multi_choice') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset
        class="field survey-q checks"
        id={id}
        aria-invalid={invalid}
        aria-describedby={described}
      >
        <legend>
          {label}
          {mark}
        </legend>
        {(q.choices ?? []).map((c) => (
          <label key={c.code} class="check">
            <input
              type="checkbox"
              name={id}
              value={c.code}
              checked={chosen.includes(c.code)}
              onChange={(e) =>
                props.set(
                  e.currentTarget.checked
                    ? [...chosen, c.code]
                    : chosen.filter((x) => x !== c.code),
                )
              }
            />
            {localised(c.label, lang) || c.code}
          </label>
        ))}
        {error}
      </fieldset>
    );
  }

  if (q.type === 'rank') {
    const codes = (q.choices ?? []).map((c) => c.code);
    const order = Array.isArray(value) && value.length ? value : codes;
    const move = (i: number, by: number) => {
      const next = [...order];
      const [x] = next.splice(i, 1);
      next.splice(i + by, 0, x);
      props.set(next);
    };
    const name = (code: string) =>
      localised(q.choices?.find((c) => c.code === code)?.label, lang) || code;
    return (
      <fieldset class="field survey-q rank" id={id} aria-describedby={described}>
        <legend>
          {label}
          {mark}
        </legend>
        <small class="hint">{text('surveys.rankHint')}</small>
        <ol>
          {order.map((code, i) => (
            <li key={code}>
              <span>{name(code)}</span>
              <button
                type="button"
                disabled={i === 0}
                aria-label={text('surveys.rankUp', { name: name(code) })}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                disabled={i === order.length - 1}
                aria-label={text('surveys.rankDown', { name: name(code) })}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
            </li>
          ))}
        </ol>
        {!Array.isArray(value) && (
          <button type="button" onClick={() => props.set(order)}>
            {text('surveys.rankKeep')}
          </button>
        )}
        {error}
      </fieldset>
    );
  }

  const input = {
    id,
    name: id,
    'aria-invalid': invalid,
    'aria-describedby': described,
    required: q.required,
  };
  return (
    <div class="field survey-q">
      <label for={id}>
        {label}
        {mark}
      </label>
      {q.type === 'long_text' ? (
        <textarea
          {...input}
          rows={4}
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => props.set(e.currentTarget.value)}
        />
      ) : q.type === 'integer' || q.type === 'decimal' ? (
        <NumberInput {...input} integer={q.type === 'integer'} value={value} set={props.set} />
      ) : q.type === 'date' ? (
        <input
          {...input}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => props.set(e.currentTarget.value)}
        />
      ) : (
        <input
          {...input}
          type="text"
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => props.set(e.currentTarget.value)}
        />
      )}
      {(q.min !== undefined || q.max !== undefined) &&
        (q.type === 'integer' || q.type === 'decimal') && (
          <small class="hint">
            {q.min !== undefined && q.max !== undefined
              ? text('surveys.between', { min: q.min, max: q.max })
              : q.min !== undefined
                ? text('surveys.atLeast', { min: q.min })
                : text('surveys.atMost', { max: q.max ?? '' })}
          </small>
        )}
      {error}
    </div>
  );
}

/** A number typed as text (a decimal comma, a half-typed "1."), kept as typed while it is typed. */
function NumberInput(props: {
  id: string;
  name: string;
  integer: boolean;
  value: AnswerValue | undefined;
  set: (v: AnswerValue | undefined) => void;
  required?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { integer, value, set, ...rest } = props;
  const shown = value === undefined ? '' : String(value);
  const [raw, setRaw] = useState(shown);
  // Cleared or set from outside (the next form of a batch): show that.
  useEffect(() => {
    if (numberAnswer(raw, integer) !== value) setRaw(shown);
  }, [shown]);
  return (
    <input
      {...rest}
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={raw}
      onInput={(e) => {
        setRaw(e.currentTarget.value);
        set(numberAnswer(e.currentTarget.value, integer));
      }}
    />
  );
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to && out.length < 11; n++) out.push(n);
  return out;
}
