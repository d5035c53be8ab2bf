// Advocacy (issue 13): the shared menu of events, ballots, strategies, legal library, campaigns, reports.
export const advocacy = {
  'nav.advocacy': 'Advocacy',
  'ad.nav.label': 'Advocacy',
  'ad.nav.events': 'Events',
  'ad.nav.ballots': 'Ballots',
  'ad.nav.strategies': 'Strategies',
  'ad.nav.legal': 'Legal library',
  'ad.nav.campaigns': 'Campaigns',
  'ad.nav.reports': 'Reports',
};
