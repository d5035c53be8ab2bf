// The territory tree (oblast → district → aiyl aimak → village) and a picker for it: one labelled
// select per level, each narrowing the next, so it works by keyboard and screen reader. The tree
// is small reference data: loaded once (every page), kept per user on the phone for offline use.
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api, ok, type Schemas } from '../api/client.js';
import { lang, t, type MessageKey } from '../i18n/index.js';
import { cacheGet, cachePut } from '../offline/db.js';

export type Territory = Schemas['TerritoryViewDto'];

/** Every territory, once loaded (null before). */
export const territories = signal<Territory[] | null>(null);
/** Set when the tree could be read neither from the hub nor from the phone. */
const unavailable = signal(false);
let loading: Promise<void> | null = null;

async function fetchAll(): Promise<Territory[]> {
  const all: Territory[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok(
      api.GET('/api/v1/territories', { params: { query: { limit: 100, cursor } } }),
    );
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/**
 * Loads the tree: the copy kept on the phone first (no round trip on a warm start), then the
 * hub's; from the phone alone when the hub cannot be reached. Safe to call often.
 */
export function loadTerritories(userId: string | undefined): Promise<void> {
  if (!loading && userId && !territories.value) {
    void cacheGet<Territory[]>(userId, 'territories')
      .then((kept) => {
        if (kept && !territories.value) territories.value = kept;
      })
      .catch(() => undefined);
  }
  loading ??= fetchAll()
    .then((all) => {
      territories.value = all;
      unavailable.value = false;
      if (userId) void cachePut(userId, 'territories', all).catch(() => undefined);
    })
    .catch(async () => {
      const kept = userId
        ? await cacheGet<Territory[]>(userId, 'territories').catch(() => undefined)
        : undefined;
      if (kept) territories.value = kept;
      else unavailable.value = !territories.value;
      loading = null;
    });
  return loading;
}

export function territoryById(id: string | null | undefined): Territory | undefined {
  return id ? territories.value?.find((x) => x.id === id) : undefined;
}

export function territoryName(x: Territory | undefined): string {
  if (!x) return '';
  const l = lang.value;
  return l === 'ky' || l === 'ru' || l === 'en' ? x.name[l] : x.name.ru;
}

/** `id` and its ancestors, the root first. */
export function lineage(id: string | null | undefined): Territory[] {
  const out: Territory[] = [];
  for (let x = territoryById(id); x; x = territoryById(x.parentId)) out.unshift(x);
  return out;
}

/** The aiyl aimak a territory belongs to (itself when it is one or above). */
export function aimakOf(id: string | null | undefined): string | null {
  const x = territoryById(id);
  if (!x) return id ?? null;
  return x.level === 'village' ? (x.parentId ?? x.id) : x.id;
}

function children(parentId: string | null): Territory[] {
  return (territories.value ?? [])
    .filter((x) => x.parentId === parentId)
    .sort((a, b) => territoryName(a).localeCompare(territoryName(b)));
}

/**
 * One select per level down to the chosen territory. `value` is the deepest chosen (null: none);
 * choosing "all of it" at a level chooses the level above.
 */
export function TerritoryPicker(props: {
  id: string;
  value: string | null;
  onChange: (id: string | null) => void;
  userId?: string;
  legend: string;
}) {
  useEffect(() => void loadTerritories(props.userId), [props.userId]);
  if (!territories.value)
    return unavailable.value ? (
      <div role="alert">
        <p>{t('problem.network')}</p>
        <button type="button" onClick={() => void loadTerritories(props.userId)}>
          {t('app.retry')}
        </button>
      </div>
    ) : (
      <p class="loading">{t('app.loading')}</p>
    );
  const chain = lineage(props.value);
  const levels: Array<{ parent: Territory | null; chosen: Territory | undefined }> = [];
  for (let i = 0; ; i++) {
    const parent = i === 0 ? null : chain[i - 1];
    if (i > 0 && !parent) break;
    if (!children(parent?.id ?? null).length) break;
    levels.push({ parent, chosen: chain[i] });
  }
  return (
    <fieldset class="territory-picker">
      <legend>{props.legend}</legend>
      {levels.map(({ parent, chosen }, i) => {
        const options = children(parent?.id ?? null);
        const level = options[0].level;
        const id = `${props.id}-${i}`;
        return (
          <div class="field" key={id}>
            <label for={id}>{t(`issues.place.${level}` as MessageKey)}</label>
            <select
              id={id}
              value={chosen?.id ?? ''}
              onChange={(e) => props.onChange(e.currentTarget.value || (parent?.id ?? null))}
            >
              <option value="">{t(i === 0 ? 'issues.place.choose' : 'issues.place.whole')}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {territoryName(o)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
