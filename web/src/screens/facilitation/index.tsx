// Facilitators' desk (staff only; the router shows the forbidden text to others): network
// applications to decide, the flag queue, room moderation, the audit log, and for admins roles.
// Each tab is its own address (/facilitation/<tab>).
import '../../ui/people-admin.css';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { me } from '../../session.js';
import { TabLinks } from '../../ui/tab-links.js';
import { Applications } from './applications.js';
import { Flags } from './flags.js';
import { RoomModeration } from './rooms.js';
import { AuditLog } from './audit.js';
import { Roles } from './roles.js';

const TABS = {
  applications: { key: 'facilitation.tab.applications', Body: Applications, admin: false },
  flags: { key: 'facilitation.tab.flags', Body: Flags, admin: false },
  rooms: { key: 'facilitation.tab.rooms', Body: RoomModeration, admin: false },
  audit: { key: 'facilitation.tab.audit', Body: AuditLog, admin: false },
  roles: { key: 'facilitation.tab.roles', Body: Roles, admin: true },
} as const;
type Tab = keyof typeof TABS;

export default function Facilitation(props: ScreenProps) {
  const admin = me.value?.role === 'admin';
  const tab = (props.params.tab ?? 'applications') as Tab;
  const current = TABS[tab] as (typeof TABS)[Tab] | undefined;
  const shown = (Object.keys(TABS) as Tab[]).filter((k) => admin || !TABS[k].admin);
  let body;
  if (!current) body = <p>{t('app.notFound')}</p>;
  else if (current.admin && !admin) body = <p>{t('facilitation.adminsOnly')}</p>;
  else body = <current.Body />;
  return (
    <>
      <h1>{t('nav.facilitation')}</h1>
      <TabLinks
        label={t('facilitation.tabs')}
        current={`/facilitation/${tab}`}
        tabs={shown.map((k) => ({ href: `/facilitation/${k}`, text: t(TABS[k].key) }))}
      />
      <section aria-labelledby="tab-title">
        {current && <h2 id="tab-title">{t(current.key)}</h2>}
        {body}
      </section>
    </>
  );
}
