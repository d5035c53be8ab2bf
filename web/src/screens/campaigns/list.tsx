// Campaigns (/campaigns): latest first, each with its period, who runs it, its publications
// (how many approved) and the people reached. Staff and representatives of network-member
// organisations start new ones.
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { me } from '../../session.js';
import { useCursorList } from '../../ui/cursor-list.js';
import { Endless } from '../../ui/endless.js';
import { Link } from '../../ui/link.js';
import { api, ok } from '../../api/client.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { canRecord } from '../assessment/may.js';
import { day, num, pick } from '../assessment/words.js';
import type { Campaign } from './words.js';
import './campaigns.css';

export default function CampaignsScreen(_props: ScreenProps) {
  const list = useCursorList<Campaign>(
    (cursor) => ok(api.GET('/api/v1/campaigns', { params: { query: { cursor, limit: 20 } } })),
    'campaigns',
  );
  return (
    <div class="campaigns">
      <AdvocacyNav />
      <div class="row heading">
        <h1>{t('campaigns.title')}</h1>
        {canRecord(me.value) && (
          <Link href="/campaigns/new" class="button primary">
            {t('campaigns.new')}
          </Link>
        )}
      </div>
      <p class="muted">{t('campaigns.intro')}</p>
      <ul class="plain">
        {list.items.map((c) => (
          <li key={c.id}>
            <CampaignCard campaign={c} />
          </li>
        ))}
      </ul>
      <Endless list={list} empty={t('campaigns.none')} />
    </div>
  );
}

function CampaignCard(props: { campaign: Campaign }) {
  const c = props.campaign;
  const [title, titleLang] = pick(c.title);
  return (
    <article class="card">
      <h2 class="card-title">
        <Link href={`/campaigns/${c.id}`}>
          <span lang={titleLang}>{title || t('campaigns.untitled')}</span>
        </Link>
      </h2>
      <p class="muted small">
        {t('campaigns.period', { from: day(c.startsAt), to: day(c.endsAt) })}
        {c.organisationName ? ` · ${t('campaigns.by', { name: c.organisationName })}` : ''}
      </p>
      <p class="row">
        <span class="badge">
          {t('campaigns.counts', { count: c.publicationCount, approved: c.approvedCount })}
        </span>
        <span class="badge">{t('campaigns.reached', { count: num(c.reach.total) })}</span>
      </p>
    </article>
  );
}
