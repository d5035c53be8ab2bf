import { LANG_NAMES, TRANSLATED, lang, setLang, t, type Lang } from '../i18n/index.js';

export const LANG_KEY = 'kenesh.lang';

/** Switches the interface language; remembered on this phone. */
export function chooseLang(to: Lang): Promise<void> {
  localStorage.setItem(LANG_KEY, to);
  return setLang(to);
}

export function LanguagePicker(props: { id?: string }) {
  const id = props.id ?? 'language';
  return (
    <div class="language">
      <label for={id}>{t('app.language')}</label>
      <select
        id={id}
        value={lang.value}
        onChange={(e) => void chooseLang(e.currentTarget.value as Lang)}
      >
        {TRANSLATED.map((l) => (
          <option value={l} lang={l} key={l}>
            {LANG_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
