// A focus group is counted without names: the hub takes no registrations and no sign-in sheet
// lines for it, so its event and sheet screens point to the counts on its own page instead.
import { t } from '../../i18n/index.js';
import { Alert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';

export function FocusGroupNote(props: { id: string }) {
  return (
    <Alert kind="info">
      {t('events.fgUnnamed')} <Link href={`/focus-groups/${props.id}`}>{t('events.fgOpen')}</Link>
    </Alert>
  );
}
