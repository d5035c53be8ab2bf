import type { ComponentChildren } from 'preact';
import { problemText } from './problem.js';

/** A labelled input; its error (if any) is announced and tied to it. */
export function Field(props: {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'tel' | 'url' | 'number' | 'date';
  value: string;
  onInput: (value: string) => void;
  error?: string;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  multiline?: boolean;
  rows?: number;
}) {
  const describedBy = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`]
    .filter(Boolean)
    .join(' ');
  const common = {
    id: props.id,
    name: props.id,
    value: props.value,
    required: props.required,
    minLength: props.minLength,
    maxLength: props.maxLength,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 4} />
      ) : (
        <input
          {...common}
          // Preact narrows `type` per value; ESLint's checker does not and calls the cast needless.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
          type={(props.type ?? 'text') as 'text'}
          autoComplete={props.autoComplete}
        />
      )}
      {props.hint && (
        <small id={`${props.id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {props.error && (
        <small id={`${props.id}-error`} class="error">
          {props.error}
        </small>
      )}
    </div>
  );
}

/** A message about the whole form or screen, read out when it appears. */
export function Alert(props: { children: ComponentChildren; kind?: 'error' | 'info' }) {
  return (
    <p class={`alert ${props.kind ?? 'error'}`} role={props.kind === 'info' ? 'status' : 'alert'}>
      {props.children}
    </p>
  );
}

/** The failure of a form or screen (null or undefined: nothing), as an `Alert` in words. */
export function ProblemAlert(props: { error: unknown }) {
  return props.error == null ? null : <Alert>{problemText(props.error)}</Alert>;
}

/** A search or filter form (role="search"): submitting it calls `onSearch`, without reloading. */
export function SearchForm(props: {
  class?: string;
  onSearch: () => void;
  children: ComponentChildren;
}) {
  return (
    <form
      class={props.class}
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSearch();
      }}
    >
      {props.children}
    </form>
  );
}

/** A form the browser does not validate (the hub does), its failure told above its fields. */
export function ProblemForm(props: {
  onSubmit: (e: Event) => unknown;
  error: unknown;
  children: ComponentChildren;
}) {
  return (
    <form onSubmit={(e) => void props.onSubmit(e)} noValidate>
      <ProblemAlert error={props.error} />
      {props.children}
    </form>
  );
}

/** A titled section holding one `ProblemForm`; `id` ties the section to its heading. */
export function FormSection(props: {
  id: string;
  title: string;
  class?: string;
  onSubmit: (e: Event) => unknown;
  error: unknown;
  children: ComponentChildren;
}) {
  return (
    <section class={props.class} aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <ProblemForm onSubmit={props.onSubmit} error={props.error}>
        {props.children}
      </ProblemForm>
    </section>
  );
}

/** One choice among a few, as radio buttons under a legend. */
export function RadioGroup<V extends string>(props: {
  name: string;
  legend: string;
  value: V;
  onChange: (value: V) => void;
  options: ReadonlyArray<readonly [V, string]>;
}) {
  return (
    <fieldset class="field checks">
      <legend>{props.legend}</legend>
      {props.options.map(([value, text]) => (
        <label key={value} class="check">
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          {text}
        </label>
      ))}
    </fieldset>
  );
}
