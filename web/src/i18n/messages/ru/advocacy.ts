import type { Part } from '../en/index.js';
import type { advocacy as en } from '../en/advocacy.js';

export const advocacy: Part<typeof en> = {
  'nav.advocacy': 'Адвокация',
  'ad.nav.label': 'Адвокация',
  'ad.nav.events': 'Мероприятия',
  'ad.nav.ballots': 'Голосования',
  'ad.nav.strategies': 'Стратегии',
  'ad.nav.legal': 'Правовая библиотека',
  'ad.nav.campaigns': 'Кампании',
  'ad.nav.reports': 'Отчёты',
};
