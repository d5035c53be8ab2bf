// The needs-assessment screens' own menu, at the top of each: Surveys · Focus groups · Findings.
import { t } from '../../i18n/index.js';
import { path } from '../../router.js';
import { TabLinks } from '../../ui/tab-links.js';
import '../../ui/people-admin.css';

const TABS = [
  { href: '/surveys', key: 'as.nav.surveys' },
  { href: '/focus-groups', key: 'as.nav.focusGroups' },
  { href: '/findings', key: 'as.nav.findings' },
] as const;

export function AssessmentNav() {
  const at = path.value.split('?')[0];
  const current = TABS.find((tab) => at === tab.href || at.startsWith(`${tab.href}/`))?.href ?? '';
  return (
    <TabLinks
      label={t('as.nav.label')}
      current={current}
      tabs={TABS.map((tab) => ({ href: tab.href, text: t(tab.key) }))}
    />
  );
}
