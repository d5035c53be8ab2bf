// Priority ballots: open ones first among the newest; staff open new ones.
import type { ScreenProps } from '../../routes.js';
import { api, ok } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { isStaff } from '../../session.js';
import { useCursorList } from '../../ui/cursor-list.js';
import { Endless } from '../../ui/endless.js';
import { Link } from '../../ui/link.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import type { BallotView } from './api.js';
import { localised, methodText, moment } from './words.js';
import './ballots.css';

export default function BallotsScreen(_props: ScreenProps) {
  const list = useCursorList<BallotView>(
    (cursor) => ok(api.GET('/api/v1/ballots', { params: { query: { cursor, limit: 20 } } })),
    'ballots',
  );
  return (
    <div class="ballots">
      <AdvocacyNav />
      <div class="row heading">
        <h1>{t('ballots.title')}</h1>
        {isStaff.value && (
          <Link href="/ballots/new" class="button primary">
            {t('ballots.new')}
          </Link>
        )}
      </div>
      <p class="muted">{t('ballots.intro')}</p>
      <ul class="plain">
        {list.items.map((b) => (
          <li key={b.id}>
            <BallotCard ballot={b} />
          </li>
        ))}
      </ul>
      <Endless list={list} empty={t('ballots.none')} />
    </div>
  );
}

function BallotCard(props: { ballot: BallotView }) {
  const b = props.ballot;
  const mine = b.myOrganisations.filter((o) => o.onRoll);
  return (
    <article class="card">
      <h2 class="card-title">
        <Link href={`/ballots/${b.id}`}>{localised(b.title)}</Link>
      </h2>
      <p class="row">
        <span class={`badge status-${b.status}`}>{t(`ballots.status.${b.status}`)}</span>
        <span class="badge">{methodText(b.method)}</span>
        {mine.length > 0 && b.status === 'open' && mine.every((o) => o.vote) && (
          <span class="badge">{t('ballots.saved')}</span>
        )}
      </p>
      <p class="muted small">
        {b.status === 'open'
          ? t('ballots.closesAt', { date: moment(b.closesAt) })
          : t('ballots.closedAt', { date: moment(b.closedAt ?? b.closesAt) })}
        {' · '}
        {t('ballots.turnout', { voted: b.voted, voters: b.voters })}
      </p>
    </article>
  );
}
