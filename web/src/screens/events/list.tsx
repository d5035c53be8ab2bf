// Events: trainings, round tables, network meetings, presentations (and focus groups, which open
// their own screens), upcoming or past, filtered by kind, territory and dates. Staff and the
// representatives of organisations plan new ones; everyone registers.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { me } from '../../session.js';
import { api, ok } from '../../api/client.js';
import { useCursorList } from '../../ui/cursor-list.js';
import { Endless } from '../../ui/endless.js';
import { Field, RadioGroup } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { Select } from '../../ui/select.js';
import {
  TerritoryPicker,
  loadTerritories,
  territoryById,
  territoryName,
} from '../../ui/territory-picker.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { day, pick } from '../assessment/words.js';
import {
  KINDS,
  eventHref,
  mayOrganise,
  whenRange,
  type EventKind,
  type EventView,
} from './model.js';
import { kindText, placesText } from './words.js';
import './events.css';

export default function EventsScreen(_props: ScreenProps) {
  const user = me.value;
  useEffect(() => void loadTerritories(user?.id), []);
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const [kind, setKind] = useState<EventKind | ''>('');
  const [territoryId, setTerritoryId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const key = [when, kind, territoryId, from, to].join('|');
  const list = useCursorList<EventView>((cursor) => {
    const range = whenRange(when, new Date(), from || undefined, to || undefined);
    return ok(
      api.GET('/api/v1/events', {
        params: {
          query: {
            kind: kind || undefined,
            territoryId: territoryId ?? undefined,
            ...range,
            cursor,
            limit: 20,
          },
        },
      }),
    );
  }, key);
  // Past events newest first: the hub lists earliest first, so a page is read back to front.
  const items = when === 'past' ? [...list.items].reverse() : list.items;
  return (
    <div class="events">
      <AdvocacyNav />
      <div class="row heading">
        <h1>{t('events.title')}</h1>
        {mayOrganise(user) && (
          <Link href="/events/new" class="button primary">
            {t('events.new')}
          </Link>
        )}
      </div>
      <p class="muted">{t('events.intro')}</p>
      <details class="ev-filters">
        <summary>{t('events.filters')}</summary>
        <Select
          id="ev-kind"
          label={t('events.filter.kind')}
          value={kind}
          onChange={setKind}
          any={t('events.filter.anyKind')}
          options={KINDS.map((k) => [k, kindText(k)] as const)}
        />
        <TerritoryPicker
          id="ev-where"
          legend={t('events.filter.where')}
          value={territoryId}
          onChange={setTerritoryId}
          userId={user?.id}
        />
        <div class="ev-dates">
          <Field
            id="ev-from"
            type="date"
            label={t('events.filter.from')}
            value={from}
            onInput={setFrom}
          />
          <Field id="ev-to" type="date" label={t('events.filter.to')} value={to} onInput={setTo} />
        </div>
      </details>
      <div class="ev-when">
        <RadioGroup
          name="ev-when"
          legend={t('events.when.label')}
          value={when}
          onChange={setWhen}
          options={[
            ['upcoming', t('events.when.upcoming')],
            ['past', t('events.when.past')],
          ]}
        />
      </div>
      <ul class="plain">
        {items.map((e) => (
          <li key={e.id}>
            <EventCard event={e} />
          </li>
        ))}
      </ul>
      <Endless list={list} empty={t('events.none')} />
    </div>
  );
}

export function EventCard(props: { event: EventView }) {
  const e = props.event;
  const [title, titleLang] = pick(e.title);
  const where = territoryName(territoryById(e.territoryId));
  return (
    <article class="card">
      <h2 class="card-title">
        <Link href={eventHref(e)}>
          <span lang={titleLang}>{title || t('events.untitled')}</span>
        </Link>
      </h2>
      <p class="row">
        <span class="badge">{kindText(e.kind)}</span>
        <span class={`badge status-${e.status}`}>
          {t(`events.status.${e.status}` as MessageKey)}
        </span>
        {e.myRegistration && (
          <span class="badge mine">{t(`events.my.${e.myRegistration}` as MessageKey)}</span>
        )}
      </p>
      <p class="muted small">
        {day(e.startsAt)}
        {e.place ? ` · ${e.place}` : ''}
        {where ? ` · ${where}` : ''}
      </p>
      {e.kind !== 'focus_group' && <p class="small">{placesText(e)}</p>}
    </article>
  );
}
