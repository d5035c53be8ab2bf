// The member directory: search by name, position or bio; filter by language, home territory
// (with what lies under it) or organisation (`?organisationId=`, from an organisation's page).
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { LANGS, LANG_NAMES, t, type Lang } from '../../i18n/index.js';
import { api, ok } from '../../api/client.js';
import { query } from '../../router.js';
import { Field, SearchForm } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { ListFooter, useCursorList } from '../../ui/cursor-list.js';
import { TerritoryCascade } from '../../ui/territory-cascade.js';
import { MemberCard } from './parts.js';

interface Filters {
  q: string;
  language: Lang | '';
  territoryId: string | null;
  organisationId: string | null;
}

export default function Directory(_props: ScreenProps) {
  const [draft, setDraft] = useState<Filters>(() => ({
    q: query().get('q') ?? '',
    language: '',
    territoryId: null,
    organisationId: query().get('organisationId'),
  }));
  const [filters, setFilters] = useState<Filters>(draft);
  const list = useCursorList(
    (cursor) =>
      ok(
        api.GET('/api/v1/members', {
          params: {
            query: {
              cursor,
              q: filters.q.trim() || undefined,
              language: filters.language || undefined,
              territoryId: filters.territoryId ?? undefined,
              organisationId: filters.organisationId ?? undefined,
            },
          },
        }),
      ),
    JSON.stringify(filters),
  );

  return (
    <>
      <h1>{t('nav.people')}</h1>
      <p>
        <Link href="/organisations">{t('people.toOrganisations')}</Link>
      </p>
      <SearchForm class="filters" onSearch={() => setFilters(draft)}>
        <Field
          id="people-q"
          type="search"
          label={t('people.search')}
          hint={t('people.searchHint')}
          value={draft.q}
          onInput={(q) => setDraft({ ...draft, q })}
        />
        {filters.organisationId && (
          <p class="row">
            {t('people.inOrganisation')}
            <button
              type="button"
              onClick={() => {
                const everyone = { ...draft, organisationId: null };
                setDraft(everyone);
                setFilters(everyone);
              }}
            >
              {t('people.clearOrganisation')}
            </button>
          </p>
        )}
        <details>
          <summary>{t('people.moreFilters')}</summary>
          <div class="field">
            <label for="people-language">{t('people.language')}</label>
            <select
              id="people-language"
              value={draft.language}
              onChange={(e) => setDraft({ ...draft, language: e.currentTarget.value as Lang | '' })}
            >
              <option value="">{t('people.anyLanguage')}</option>
              {LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANG_NAMES[l]}
                </option>
              ))}
            </select>
          </div>
          <TerritoryCascade
            id="people-territory"
            label={t('people.territory')}
            value={draft.territoryId}
            onChange={(territoryId) => setDraft({ ...draft, territoryId })}
          />
        </details>
        <button type="submit" class="primary">
          {t('people.find')}
        </button>
      </SearchForm>
      <h2 class="visually-hidden">{t('people.results')}</h2>
      <ul class="plain" aria-busy={list.loading}>
        {list.items.map((m) => (
          <li key={m.id}>
            <MemberCard member={m} />
          </li>
        ))}
      </ul>
      <ListFooter list={list} empty={t('people.noneFound')} />
    </>
  );
}
