/** A labelled select; with `any`, a first empty choice meaning "no choice" (a filter's "any"). */
export function Select<V extends string>(props: {
  id: string;
  label: string;
  value: V | '' | null;
  onChange: (value: V) => void;
  options: ReadonlyArray<readonly [V, string]>;
  any?: string;
  required?: boolean;
  error?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value ?? ''}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value as V)}
      >
        {props.any !== undefined && <option value="">{props.any}</option>}
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {props.error && (
        <small id={`${props.id}-error`} class="error">
          {props.error}
        </small>
      )}
    </div>
  );
}
