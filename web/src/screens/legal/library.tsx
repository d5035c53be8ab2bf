// The legal library: a search over the provisions (ranked, the matched words marked from the
// hub's ranges, never parsed as HTML) and the acts, filtered by kind and status. `?q=` keeps the
// search in the address, so a search can be shared and the back button returns to it.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, ok } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { navigate, query } from '../../router.js';
import { useCursorList } from '../../ui/cursor-list.js';
import { Endless } from '../../ui/endless.js';
import { Field, SearchForm } from '../../ui/form.js';
import { Highlight } from '../../ui/highlight.js';
import { Link } from '../../ui/link.js';
import { Select } from '../../ui/select.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { ActBadges, ActFacts } from './common.js';
import {
  ACT_STATUSES,
  type ActStatus,
  type ActSummary,
  KINDS,
  type Kind,
  type SearchItem,
  actStatusText,
  kindText,
  pick,
  provisionHref,
} from './words.js';
import './legal.css';

export default function LibraryScreen(_props: ScreenProps) {
  const q = query().get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const [kind, setKind] = useState<Kind | ''>('');
  const [status, setStatus] = useState<ActStatus | ''>('');
  return (
    <div class="legal">
      <AdvocacyNav />
      <h1>{t('legal.title')}</h1>
      <p class="muted">{t('legal.intro')}</p>
      <SearchForm
        onSearch={() => {
          const words = typed.trim();
          navigate(words ? `/legal?q=${encodeURIComponent(words)}` : '/legal', true);
        }}
      >
        <Field
          id="legal-q"
          type="search"
          label={t('legal.searchLabel')}
          hint={t('legal.searchHint')}
          value={typed}
          onInput={setTyped}
          maxLength={200}
        />
        <button type="submit" class="primary">
          {t('legal.search')}
        </button>
      </SearchForm>
      {q ? (
        <Results q={q} />
      ) : (
        <>
          <h2>{t('legal.acts')}</h2>
          <div class="filters">
            <Select
              id="legal-kind"
              label={t('legal.kind')}
              value={kind}
              any={t('legal.anyKind')}
              onChange={setKind}
              options={KINDS.map((k) => [k, kindText(k)] as const)}
            />
            <Select
              id="legal-status"
              label={t('legal.status')}
              value={status}
              any={t('legal.anyStatus')}
              onChange={setStatus}
              options={ACT_STATUSES.map((s) => [s, actStatusText(s)] as const)}
            />
          </div>
          <Acts kind={kind} status={status} />
        </>
      )}
    </div>
  );
}

function Results(props: { q: string }) {
  const list = useCursorList<SearchItem>(
    (cursor) =>
      ok(api.GET('/api/v1/provisions', { params: { query: { q: props.q, cursor, limit: 20 } } })),
    `provisions:${props.q}`,
  );
  return (
    <section aria-labelledby="legal-results">
      <h2 id="legal-results">{t('legal.results')}</h2>
      <ol class="plain">
        {list.items.map((item) => (
          <li key={item.id}>
            <ResultCard item={item} />
          </li>
        ))}
      </ol>
      <Endless list={list} empty={t('legal.noResults')} />
    </section>
  );
}

function ResultCard(props: { item: SearchItem }) {
  const i = props.item;
  const heading = pick(i.heading);
  const act = pick(i.actTitle);
  return (
    <article class="card">
      <h3 class="card-title">
        <Link href={provisionHref(i.actId, i.eId)}>
          <span lang={heading.lang}>{heading.text || i.eId}</span>
        </Link>
      </h3>
      <p class="muted small">
        <span lang={act.lang}>{act.text}</span> · <span class="eid">{i.eId}</span>
        {i.isSample && <> · {t('legal.sample')}</>}
      </p>
      <p class="snippet" lang={i.snippetLanguage}>
        <Highlight text={i.snippet} ranges={i.highlights} />
      </p>
    </article>
  );
}

function Acts(props: { kind: Kind | ''; status: ActStatus | '' }) {
  const list = useCursorList<ActSummary>(
    (cursor) =>
      ok(
        api.GET('/api/v1/legal-acts', {
          params: {
            query: {
              kind: props.kind || undefined,
              status: props.status || undefined,
              cursor,
              limit: 20,
            },
          },
        }),
      ),
    `acts:${props.kind}:${props.status}`,
  );
  return (
    <>
      <ul class="plain">
        {list.items.map((a) => {
          const title = pick(a.title);
          return (
            <li key={a.id}>
              <article class="card">
                <h3 class="card-title">
                  <Link href={`/legal/${a.id}`}>
                    <span lang={title.lang}>{title.text}</span>
                  </Link>
                </h3>
                <ActBadges act={a} />
                <ActFacts act={a} />
                <p class="muted small">{t('legal.provisions', { count: a.provisionCount })}</p>
              </article>
            </li>
          );
        })}
      </ul>
      <Endless list={list} empty={t('legal.noActs')} />
    </>
  );
}
