// The advocacy screens' own menu, at the top of each:
// Events · Ballots · Strategies · Legal library · Campaigns · Reports.
import { t } from '../../i18n/index.js';
import { path } from '../../router.js';
import { TabLinks } from '../../ui/tab-links.js';
import '../../ui/people-admin.css';

const TABS = [
  { href: '/events', key: 'ad.nav.events' },
  { href: '/ballots', key: 'ad.nav.ballots' },
  { href: '/strategies', key: 'ad.nav.strategies' },
  { href: '/legal', key: 'ad.nav.legal' },
  { href: '/campaigns', key: 'ad.nav.campaigns' },
  { href: '/reports', key: 'ad.nav.reports' },
] as const;

export function AdvocacyNav() {
  const at = path.value.split('?')[0];
  const current = TABS.find((tab) => at === tab.href || at.startsWith(`${tab.href}/`))?.href ?? '';
  return (
    <TabLinks
      label={t('ad.nav.label')}
      current={current}
      tabs={TABS.map((tab) => ({ href: tab.href, text: t(tab.key) }))}
    />
  );
}
