// My profile (issue 10, screen to build).
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';

export default function Screen(_props: ScreenProps) {
  return <h1>{t('nav.me')}</h1>;
}
