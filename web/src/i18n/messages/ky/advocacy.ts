import type { Part } from '../en/index.js';
import type { advocacy as en } from '../en/advocacy.js';

export const advocacy: Part<typeof en> = {
  'nav.advocacy': 'Адвокация',
  'ad.nav.label': 'Адвокация',
  'ad.nav.events': 'Иш-чаралар',
  'ad.nav.ballots': 'Добуш берүү',
  'ad.nav.strategies': 'Стратегиялар',
  'ad.nav.legal': 'Укуктук китепкана',
  'ad.nav.campaigns': 'Кампаниялар',
  'ad.nav.reports': 'Отчёттор',
};
