// A territory picked step by step (oblast, district, aiyl aimak, village), one select per level;
// each level's children come from the hub when its parent is chosen. Answers the deepest choice.
import { useEffect, useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../api/client.js';
import { lang, t } from '../i18n/index.js';

type Territory = Schemas['TerritoryViewDto'];
const LEVEL = {
  oblast: 'ui.level.oblast',
  district: 'ui.level.district',
  aiyl_aimak: 'ui.level.aiyl_aimak',
  village: 'ui.level.village',
} as const;

export function territoryName(territory: Territory): string {
  const l = lang.value;
  return l === 'ky' || l === 'ru' || l === 'en' ? territory.name[l] : territory.name.ru;
}

async function children(parentId: string | null): Promise<Territory[]> {
  const query = parentId ? { parentId, limit: 100 } : { level: 'oblast' as const, limit: 100 };
  return (await ok(api.GET('/api/v1/territories', { params: { query } }))).items;
}

async function ancestry(id: string): Promise<string[]> {
  const chain: string[] = [];
  let at: string | null = id;
  while (at && chain.length < 5) {
    chain.unshift(at);
    const territory: Territory = await ok(
      api.GET('/api/v1/territories/{id}', { params: { path: { id: at } } }),
    );
    at = territory.parentId;
  }
  return chain;
}

export function TerritoryCascade(props: {
  id: string;
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  // chosen[i] is the choice at level i; options[i] the territories offered there.
  const [chosen, setChosen] = useState<string[]>([]);
  const [options, setOptions] = useState<Territory[][]>([]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const path = props.value ? await ancestry(props.value).catch(() => []) : [];
      const lists = await Promise.all([null, ...path].map((p) => children(p).catch(() => [])));
      if (!live) return;
      setChosen(path);
      setOptions(lists.filter((list, i) => i === 0 || list.length > 0));
    })();
    return () => {
      live = false;
    };
  }, []);

  async function choose(level: number, id: string) {
    const path = [...chosen.slice(0, level), ...(id ? [id] : [])];
    setChosen(path);
    const next = id ? await children(id).catch(() => []) : [];
    setOptions((old) => [...old.slice(0, level + 1), ...(next.length ? [next] : [])]);
    props.onChange(path.length ? path[path.length - 1] : null);
  }

  const errorId = `${props.id}-error`;
  return (
    <fieldset class="field territory" aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.label}</legend>
      {options.map((list, level) => (
        <div key={level}>
          <label for={`${props.id}-${level}`}>{t(LEVEL[list[0]?.level ?? 'oblast'])}</label>
          <select
            id={`${props.id}-${level}`}
            value={chosen[level] ?? ''}
            onChange={(e) => void choose(level, e.currentTarget.value)}
          >
            <option value="">{t('ui.territoryAny')}</option>
            {list.map((territory) => (
              <option key={territory.id} value={territory.id}>
                {territoryName(territory)}
              </option>
            ))}
          </select>
        </div>
      ))}
      {props.error && (
        <small id={errorId} class="error">
          {props.error}
        </small>
      )}
    </fieldset>
  );
}

const labels = new Map<string, Promise<Territory>>();

/** A territory's name by id (asked once per page load). */
export function TerritoryLabel(props: { id: string }) {
  const [territory, setTerritory] = useState<Territory | null>(null);
  useEffect(() => {
    let answer = labels.get(props.id);
    if (!answer) {
      answer = ok(api.GET('/api/v1/territories/{id}', { params: { path: { id: props.id } } }));
      labels.set(props.id, answer);
      answer.catch(() => labels.delete(props.id));
    }
    answer.then(setTerritory).catch(() => setTerritory(null));
  }, [props.id]);
  return <span>{territory ? territoryName(territory) : '…'}</span>;
}
