// The issue register: my aiyl aimak by default (widen with the territory filter), filters and
// search in the URL query (back, forward and reload keep them), ranked search with the hub's
// matches marked, sorts, an endless list by cursor. The first page is kept on the phone per user
// and shown, marked as saved data, when the hub cannot be reached.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import type { paths } from '../../../../openapi/kenesh-api.js';
import { api, ok } from '../../api/client.js';
import { HubUnreachable } from '../../api/tokens.js';
import { lang, t } from '../../i18n/index.js';
import { formatDate, formatRelative } from '../../i18n/format.js';
import { cacheGet, cachePut } from '../../offline/db.js';
import type { RequestPayload } from '../../offline/outbox.js';
import { navigate, query } from '../../router.js';
import { me, outbox } from '../../session.js';
import { useCursorList, type Page } from '../../ui/cursor-list.js';
import { Endless } from '../../ui/endless.js';
import { SearchForm } from '../../ui/form.js';
import { Highlight, fromMarked } from '../../ui/highlight.js';
import { Link } from '../../ui/link.js';
import { Select } from '../../ui/select.js';
import { OutboxNote } from '../../ui/outbox-note.js';
import {
  TerritoryPicker,
  aimakOf,
  loadTerritories,
  territories,
} from '../../ui/territory-picker.js';
import {
  CATEGORIES,
  LEVELS,
  STATUSES,
  categoryText,
  levelText,
  queued,
  statusText,
  type IssueCard,
} from './words.js';
import { ThumbStrip } from '../../attachments/thumbs.js';
import './issues.css';

type ListQuery = NonNullable<paths['/api/v1/issues']['get']['parameters']['query']>;
type Sort = NonNullable<ListQuery['sort']>;
const SORTS: readonly Sort[] = ['newest', 'endorsed', 'active'];
/** Filters kept in the URL, by their query names there. */
const KEYS = [
  'q',
  'status',
  'category',
  'territory',
  'decisionLevel',
  'organisationId',
  'overdue',
  'sort',
] as const;

interface Kept {
  page: Page<IssueCard>;
  savedAt: number;
}

function setParam(name: (typeof KEYS)[number], value: string, replace = false): void {
  const q = query();
  if (value) q.set(name, value);
  else q.delete(name);
  const s = q.toString();
  navigate(`/issues${s ? `?${s}` : ''}`, replace);
}

export default function Register(_props: ScreenProps) {
  const user = me.value;
  const q = query();
  const [treeTried, setTreeTried] = useState(false);
  const treeReady = treeTried || territories.value !== null;
  const [typed, setTyped] = useState(q.get('q') ?? '');
  useEffect(() => {
    void loadTerritories(user?.id).finally(() => setTreeTried(true));
  }, [user?.id]);
  // The search box follows the URL (back/forward).
  const urlQ = q.get('q') ?? '';
  useEffect(() => setTyped(urlQ), [urlQ]);

  const territoryParam = q.get('territory');
  // Until the tree is here, the user's own territory stands for their aimak (it usually is one),
  // so the list is asked for at once instead of one round trip later; a village's aimak follows.
  const mine = treeReady ? aimakOf(user?.territoryId) : (user?.territoryId ?? null);
  const territoryId = territoryParam === 'all' ? null : (territoryParam ?? mine);
  const listQuery: ListQuery = {
    limit: 20,
    q: urlQ || undefined,
    status: (q.get('status') as ListQuery['status']) || undefined,
    category: (q.get('category') as ListQuery['category']) || undefined,
    decisionLevel: (q.get('decisionLevel') as ListQuery['decisionLevel']) || undefined,
    organisationId: q.get('organisationId') || undefined,
    overdue: q.get('overdue') === '1' ? true : undefined,
    sort: (q.get('sort') as Sort) || undefined,
    territoryId: territoryId ?? undefined,
  };
  const key = territoryId === undefined || !user ? null : JSON.stringify(listQuery);

  // Issues raised offline, waiting in the outbox.
  const waiting = queued('issues:new', '/api/v1/issues');
  const filtered = KEYS.some((k) => k !== 'sort' && k !== 'territory' && q.get(k));

  return (
    <div class="issues">
      <div class="row heading">
        <h1>{t('issues.title')}</h1>
        <Link href="/issues/new" class="button primary">
          {t('issues.raise')}
        </Link>
      </div>
      <SearchForm class="search" onSearch={() => setParam('q', typed.trim())}>
        <label for="issues-q">{t('issues.search')}</label>
        <div class="row nowrap">
          <input
            id="issues-q"
            type="search"
            value={typed}
            aria-describedby="issues-q-hint"
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
          <button type="submit" class="primary">
            {t('issues.searchSubmit')}
          </button>
        </div>
        <small id="issues-q-hint" class="muted">
          {t('issues.searchHint')}
        </small>
      </SearchForm>
      <div class="row widen">
        <button
          type="button"
          aria-pressed={territoryParam === null}
          disabled={!mine}
          onClick={() => setParam('territory', '')}
        >
          {t('issues.mine')}
        </button>
        <button
          type="button"
          aria-pressed={territoryParam === 'all'}
          onClick={() => setParam('territory', 'all')}
        >
          {t('issues.allTerritories')}
        </button>
      </div>
      <details class="filters" open={filtered || territoryParam !== null || !!q.get('sort')}>
        <summary>{t('issues.filters')}</summary>
        <TerritoryPicker
          id="issues-territory"
          legend={t('issues.territory')}
          userId={user?.id}
          value={territoryId ?? null}
          onChange={(id) => setParam('territory', id ?? 'all')}
        />
        <Select
          any={t('issues.anyValue')}
          id="issues-status"
          label={t('issues.status')}
          value={q.get('status')}
          options={STATUSES.map((s) => [s, statusText(s)])}
          onChange={(v) => setParam('status', v)}
        />
        <Select
          any={t('issues.anyValue')}
          id="issues-category"
          label={t('issues.category')}
          value={q.get('category')}
          options={CATEGORIES.map((c) => [c, categoryText(c)])}
          onChange={(v) => setParam('category', v)}
        />
        <Select
          any={t('issues.anyValue')}
          id="issues-level"
          label={t('issues.decisionLevel')}
          value={q.get('decisionLevel')}
          options={LEVELS.map((l) => [l, levelText(l)])}
          onChange={(v) => setParam('decisionLevel', v)}
        />
        {!!user?.organisations.length && (
          <Select
            any={t('issues.anyValue')}
            id="issues-org"
            label={t('issues.organisation')}
            value={q.get('organisationId')}
            options={user.organisations.map((o) => [o.id, o.name])}
            onChange={(v) => setParam('organisationId', v)}
          />
        )}
        <div class="check">
          <input
            id="issues-overdue"
            type="checkbox"
            checked={q.get('overdue') === '1'}
            onChange={(e) => setParam('overdue', e.currentTarget.checked ? '1' : '')}
          />
          <label for="issues-overdue">{t('issues.overdue')}</label>
        </div>
        <Select
          id="issues-sort"
          label={t('issues.sort')}
          value={q.get('sort')}
          any={t(urlQ ? 'issues.sort.relevance' : 'issues.sort.newest')}
          options={SORTS.filter((s) => urlQ || s !== 'newest').map((s) => [
            s,
            t(`issues.sort.${s}`),
          ])}
          onChange={(v) => setParam('sort', v)}
        />
        {(filtered || territoryParam !== null) && (
          <button type="button" onClick={() => navigate('/issues')}>
            {t('issues.clearFilters')}
          </button>
        )}
      </details>
      {waiting.length > 0 && (
        <section aria-labelledby="issues-waiting">
          <h2 id="issues-waiting">{t('issues.pendingIssues')}</h2>
          <ul class="plain">
            {waiting.map((item) => (
              <li key={item.id} class="card pending">
                <strong>
                  {((item.payload as RequestPayload).body as { title: string }).title}
                </strong>
                <OutboxNote item={item} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {key === null ? (
        <p class="loading">{t('app.loading')}</p>
      ) : (
        <Results listKey={key} listQuery={listQuery} />
      )}
    </div>
  );
}

/** The issues of one filter: the first page kept on the phone, shown as saved data offline. */
function Results(props: { listKey: string; listQuery: ListQuery }) {
  const user = me.value;
  const listQuery = props.listQuery;
  const [saved, setSaved] = useState<number | null>(null);
  const list = useCursorList<IssueCard>(async (cursor) => {
    const cacheKey = `issues:${props.listKey}`;
    try {
      const page = await ok(
        api.GET('/api/v1/issues', { params: { query: { ...listQuery, cursor } } }),
      );
      if (!cursor && user) {
        setSaved(null);
        void cachePut(user.id, cacheKey, { page, savedAt: Date.now() } satisfies Kept).catch(
          () => undefined,
        );
      }
      return page;
    } catch (e) {
      if (cursor || !user || !(e instanceof HubUnreachable)) throw e;
      const kept = await cacheGet<Kept>(user.id, cacheKey).catch(() => undefined);
      if (!kept) throw e;
      setSaved(kept.savedAt);
      return { items: kept.page.items, nextCursor: null };
    }
  }, props.listKey);
  // An issue raised from this phone has gone out: show it.
  const reload = list.reload;
  useEffect(
    () =>
      outbox()?.onSent((item) => {
        if (item.scope === 'issues:new') reload();
      }),
    [],
  );

  return (
    <>
      {saved !== null && (
        <p class="alert info" role="status">
          {t('issues.savedData', { date: formatDate(new Date(saved), lang.value, true) })}
        </p>
      )}
      <p class="visually-hidden" role="status">
        {list.loading ? '' : t('issues.count', { count: list.items.length })}
      </p>
      <ul class="plain issue-list">
        {list.items.map((card) => (
          <li key={card.id}>
            <Card card={card} />
          </li>
        ))}
      </ul>
      <Endless list={list} empty={t('issues.none')} />
      {!list.hasMore && !list.loading && list.items.length > 0 && (
        <p class="muted">{t('issues.end')}</p>
      )}
    </>
  );
}

function Card(props: { card: IssueCard }) {
  const c = props.card;
  const titleMatches = c.search?.matches.filter((m) => m.field === 'title') ?? [];
  const snippet = c.search?.snippet ? fromMarked(c.search.snippet) : null;
  return (
    <article class="card issue-card" lang={c.language}>
      <h2 class="issue-title">
        <Link href={`/issues/${c.id}`}>
          <Highlight text={c.title} ranges={titleMatches} />
        </Link>
      </h2>
      <p class="row meta" lang={lang.value}>
        <span class={`badge status-${c.status}`}>{statusText(c.status)}</span>
        <span class="badge">{categoryText(c.category)}</span>
        <span class="badge">{levelText(c.decisionLevel)}</span>
        {c.overdue && <span class="badge overdue">{t('issues.overdueBadge')}</span>}
      </p>
      <p class="excerpt">
        {snippet ? <Highlight text={snippet.text} ranges={snippet.ranges} /> : c.excerpt}
      </p>
      <ThumbStrip of={c} />
      <p class="muted small" lang={lang.value}>
        <time dateTime={c.createdAt} title={formatDate(c.createdAt, lang.value, true)}>
          {t('issues.raisedOn', { date: formatRelative(c.createdAt, lang.value) })}
        </time>
        {' · '}
        {t('issues.comments', { count: c.commentCount })}
        {' · '}
        {t('issues.endorsements', { count: c.endorsementCount })}
      </p>
    </article>
  );
}
