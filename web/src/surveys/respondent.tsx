// Who answered, without a name: gender, age band and village (within the survey's territories),
// as the contract's `respondent`; the enumerator's date collected beside them.
import { t, type MessageKey } from '../i18n/index.js';
import { lineage, territories, territoryName, type Territory } from '../ui/territory-picker.js';
import { AGE_BANDS, GENDERS, type AgeBand, type Gender } from './contract.js';

export interface RespondentDraft {
  gender: Gender | '';
  ageBand: AgeBand | '';
  territoryId: string;
}

export const EMPTY_RESPONDENT: RespondentDraft = { gender: '', ageBand: '', territoryId: '' };

export const genderText = (g: Gender) => t(`surveys.gender.${g}` as MessageKey);
export const ageBandText = (b: AgeBand) =>
  b === '<18' ? t('surveys.age.under18') : b === '60+' ? t('surveys.age.over60') : b;

/**
 * The villages a survey reaches: every village under (or equal to) one of its territories; the
 * territories themselves when none is a village or above one. Named with their aiyl aimak.
 */
export function placesIn(scope: string[]): Array<{ id: string; name: string }> {
  const all = territories.value ?? [];
  const inScope = (x: Territory) => lineage(x.id).some((a) => scope.includes(a.id));
  let places = all.filter((x) => x.level === 'village' && inScope(x));
  if (!places.length) places = all.filter((x) => scope.includes(x.id));
  return places
    .map((x) => {
      const parent = all.find((p) => p.id === x.parentId);
      const name =
        parent && x.level === 'village'
          ? `${territoryName(x)} (${territoryName(parent)})`
          : territoryName(x);
      return { id: x.id, name };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function RespondentFields(props: {
  id: string;
  value: RespondentDraft;
  onChange: (value: RespondentDraft) => void;
  scope: string[];
  /** The places to choose from, when given (a public link's); else found under `scope`. */
  places?: Array<{ id: string; name: string }>;
  errors?: Record<string, string>;
  /** The first control, for focus after "save and next". */
  firstRef?: { current: HTMLInputElement | null };
}) {
  const { value, errors = {} } = props;
  const set = (patch: Partial<RespondentDraft>) => props.onChange({ ...value, ...patch });
  const places = props.places ?? placesIn(props.scope);
  const err = (field: string) =>
    errors[`respondent.${field}`] && (
      <small id={`${props.id}-${field}-error`} class="error">
        {errors[`respondent.${field}`]}
      </small>
    );
  const described = (field: string) =>
    errors[`respondent.${field}`] ? `${props.id}-${field}-error` : undefined;
  return (
    <div class="respondent">
      <fieldset
        class="field checks inline"
        aria-describedby={described('gender')}
        aria-invalid={errors['respondent.gender'] ? true : undefined}
      >
        <legend>{t('surveys.respondent.gender')}</legend>
        {GENDERS.map((g, i) => (
          <label key={g} class="check">
            <input
              type="radio"
              name={`${props.id}-gender`}
              value={g}
              ref={i === 0 ? props.firstRef : undefined}
              checked={value.gender === g}
              onChange={() => set({ gender: g })}
            />
            {genderText(g)}
          </label>
        ))}
        {err('gender')}
      </fieldset>
      <fieldset
        class="field checks inline"
        aria-describedby={described('ageBand')}
        aria-invalid={errors['respondent.ageBand'] ? true : undefined}
      >
        <legend>{t('surveys.respondent.ageBand')}</legend>
        {AGE_BANDS.map((b) => (
          <label key={b} class="check">
            <input
              type="radio"
              name={`${props.id}-age`}
              value={b}
              checked={value.ageBand === b}
              onChange={() => set({ ageBand: b })}
            />
            {ageBandText(b)}
          </label>
        ))}
        {err('ageBand')}
      </fieldset>
      <div class="field">
        <label for={`${props.id}-place`}>{t('surveys.respondent.village')}</label>
        {props.places || territories.value ? (
          <select
            id={`${props.id}-place`}
            value={value.territoryId}
            aria-invalid={errors['respondent.territoryId'] ? true : undefined}
            aria-describedby={described('territoryId')}
            onChange={(e) => set({ territoryId: e.currentTarget.value })}
          >
            <option value="">{t('issues.place.choose')}</option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        ) : (
          <p class="loading">{t('app.loading')}</p>
        )}
        {err('territoryId')}
      </div>
    </div>
  );
}

/** The respondent's missing fields, as field errors. */
export function respondentProblems(r: RespondentDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (!r.gender) out['respondent.gender'] = t('surveys.err.required');
  if (!r.ageBand) out['respondent.ageBand'] = t('surveys.err.required');
  if (!r.territoryId) out['respondent.territoryId'] = t('surveys.err.required');
  return out;
}
