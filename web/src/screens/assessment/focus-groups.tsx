// Focus groups: events of kind focus_group, newest first, with their place, date, group (women,
// youth, mixed) and whether they were held. Staff and representatives of organisations record new
// ones; everyone else reads.
import type { ScreenProps } from '../../routes.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { me } from '../../session.js';
import { useCursorList } from '../../ui/cursor-list.js';
import { Endless } from '../../ui/endless.js';
import { Link } from '../../ui/link.js';
import { territoryById, territoryName } from '../../ui/territory-picker.js';
import { api, ok } from '../../api/client.js';
import type { EventCard, EventView } from './api.js';
import { AssessmentNav } from './subnav.js';
import { canRecord } from './may.js';
import { day, pick } from './words.js';
import './assessment.css';

export default function FocusGroupsScreen(_props: ScreenProps) {
  const list = useCursorList<EventView>(
    (cursor) =>
      ok(
        api.GET('/api/v1/events', {
          params: { query: { kind: 'focus_group', cursor, limit: 20 } },
        }),
      ),
    'focus_group',
  );
  return (
    <div class="assessment">
      <AssessmentNav />
      <div class="row heading">
        <h1>{t('fg.title')}</h1>
        {canRecord(me.value) && (
          <Link href="/focus-groups/new" class="button primary">
            {t('fg.new')}
          </Link>
        )}
      </div>
      <p class="muted">{t('fg.intro')}</p>
      <ul class="plain">
        {list.items.map((e) => (
          <li key={e.id}>
            <FocusGroupCard event={e} />
          </li>
        ))}
      </ul>
      <Endless list={list} empty={t('fg.none')} />
    </div>
  );
}

export function FocusGroupCard(props: { event: EventCard; headingLevel?: 2 | 3 }) {
  const e = props.event;
  const [title, titleLang] = pick(e.title);
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <article class="card">
      <H class="card-title">
        <Link href={`/focus-groups/${e.id}`}>
          <span lang={titleLang}>{title || t('fg.untitled')}</span>
        </Link>
      </H>
      <p class="row">
        {e.group && <span class="badge">{t(`fg.group.${e.group}` as MessageKey)}</span>}
        <span class={`badge status-${e.status}`}>{statusText(e.status)}</span>
      </p>
      <p class="muted small">
        {day(e.startsAt)}
        {e.place ? ` · ${e.place}` : ''}
        {territoryById(e.territoryId) ? ` · ${territoryName(territoryById(e.territoryId))}` : ''}
      </p>
    </article>
  );
}

export const statusText = (s: string): string =>
  ['planned', 'held', 'cancelled'].includes(s) ? t(`fg.status.${s}` as MessageKey) : s;
