// Every screen, loaded on demand (one chunk each). `staff` screens are for facilitators and
// admins; `public` ones are open before signing in.
import type { FunctionComponent } from 'preact';
import type { MessageKey } from './i18n/index.js';

export interface ScreenProps {
  params: Record<string, string>;
}
type Loader = () => Promise<{ default: FunctionComponent<ScreenProps> }>;
export interface Route {
  pattern: string;
  load: Loader;
  title: MessageKey;
  public?: boolean;
  /** A public screen that a signed-in reader may open too (not sent on to the app). */
  open?: boolean;
  staff?: boolean;
  admin?: boolean;
}

export const routes: Route[] = [
  {
    pattern: '/sign-in',
    load: () => import('./screens/sign-in.js'),
    title: 'signIn.title',
    public: true,
  },
  {
    pattern: '/register',
    load: () => import('./screens/sign-in.js'),
    title: 'register.title',
    public: true,
  },
  { pattern: '/issues', load: () => import('./screens/issues/register.js'), title: 'nav.issues' },
  { pattern: '/issues/new', load: () => import('./screens/issues/raise.js'), title: 'raise.title' },
  { pattern: '/issues/:id', load: () => import('./screens/issues/issue.js'), title: 'nav.issues' },
  {
    pattern: '/notifications',
    load: () => import('./screens/notifications.js'),
    title: 'nav.notifications',
  },
  { pattern: '/rooms', load: () => import('./screens/rooms/list.js'), title: 'nav.rooms' },
  { pattern: '/rooms/:id', load: () => import('./screens/rooms/room.js'), title: 'nav.rooms' },
  { pattern: '/people', load: () => import('./screens/people/directory.js'), title: 'nav.people' },
  {
    pattern: '/people/:id',
    load: () => import('./screens/people/profile.js'),
    title: 'nav.people',
  },
  { pattern: '/me', load: () => import('./screens/people/my-profile.js'), title: 'nav.me' },
  {
    pattern: '/organisations',
    load: () => import('./screens/people/organisations.js'),
    title: 'nav.organisations',
  },
  {
    pattern: '/organisations/:id',
    load: () => import('./screens/people/organisation.js'),
    title: 'nav.organisations',
  },
  {
    pattern: '/facilitation',
    load: () => import('./screens/facilitation/index.js'),
    title: 'nav.facilitation',
    staff: true,
  },
  {
    pattern: '/facilitation/:tab',
    load: () => import('./screens/facilitation/index.js'),
    title: 'nav.facilitation',
    staff: true,
  },
  // Surveys: builder, respondent's form, enumerator's batch entry (issue 12).
  { pattern: '/surveys', load: () => import('./screens/surveys/list.js'), title: 'nav.surveys' },
  {
    pattern: '/surveys/new',
    load: () => import('./screens/surveys/builder.js'),
    title: 'surveys.new',
    staff: true,
  },
  {
    pattern: '/surveys/:id/edit',
    load: () => import('./screens/surveys/builder.js'),
    title: 'surveys.b.editTitle',
    staff: true,
  },
  {
    pattern: '/surveys/:id/respond',
    load: () => import('./screens/surveys/respond.js'),
    title: 'nav.surveys',
  },
  {
    pattern: '/surveys/:id/batch',
    load: () => import('./screens/surveys/batch.js'),
    title: 'surveys.batch.short',
  },
  {
    pattern: '/s/:token',
    load: () => import('./screens/surveys/public.js'),
    title: 'nav.surveys',
    public: true,
    open: true,
  },

  // Results, focus groups, findings (issue 12).
  {
    pattern: '/surveys/:id/results',
    load: () => import('./screens/assessment/results.js'),
    title: 'res.title',
  },
  {
    pattern: '/focus-groups',
    load: () => import('./screens/assessment/focus-groups.js'),
    title: 'fg.title',
  },
  {
    pattern: '/focus-groups/new',
    load: () => import('./screens/assessment/focus-group.js'),
    title: 'fg.new',
  },
  {
    pattern: '/focus-groups/:id',
    load: () => import('./screens/assessment/focus-group.js'),
    title: 'fg.title',
  },
  {
    pattern: '/findings',
    load: () => import('./screens/assessment/findings.js'),
    title: 'fd.title',
  },
  {
    pattern: '/findings/new',
    load: () => import('./screens/assessment/finding.js'),
    title: 'fd.new',
    staff: true,
  },
  {
    pattern: '/findings/:id',
    load: () => import('./screens/assessment/finding.js'),
    title: 'fd.title',
  },
  // Events: trainings, round tables, the sign-in sheet (issue 13).
  { pattern: '/events', load: () => import('./screens/events/list.js'), title: 'events.title' },
  { pattern: '/events/new', load: () => import('./screens/events/new.js'), title: 'events.new' },
  {
    pattern: '/events/:id',
    load: () => import('./screens/events/event.js'),
    title: 'events.title',
  },
  {
    pattern: '/events/:id/sheet',
    load: () => import('./screens/events/sheet.js'),
    title: 'events.sheet.title',
  },

  // Priority ballots (issue 13).
  { pattern: '/ballots', load: () => import('./screens/ballots/list.js'), title: 'ballots.title' },
  {
    pattern: '/ballots/new',
    load: () => import('./screens/ballots/new.js'),
    title: 'ballots.new',
    staff: true,
  },
  {
    pattern: '/ballots/:id',
    load: () => import('./screens/ballots/ballot.js'),
    title: 'ballots.title',
  },

  // Strategies (issue 13).
  {
    pattern: '/strategies',
    load: () => import('./screens/strategies/list.js'),
    title: 'strategies.title',
  },
  {
    pattern: '/strategies/actions/:id',
    load: () => import('./screens/strategies/action.js'),
    title: 'strategies.title',
  },
  {
    pattern: '/strategies/:id',
    load: () => import('./screens/strategies/board.js'),
    title: 'strategies.title',
  },

  // Legal library (issue 13).
  { pattern: '/legal', load: () => import('./screens/legal/library.js'), title: 'legal.title' },
  { pattern: '/legal/:actId', load: () => import('./screens/legal/act.js'), title: 'legal.title' },
  {
    pattern: '/legal/:actId/:eId',
    load: () => import('./screens/legal/provision.js'),
    title: 'legal.title',
  },

  // Campaigns (issue 13).
  {
    pattern: '/campaigns',
    load: () => import('./screens/campaigns/list.js'),
    title: 'campaigns.title',
  },
  {
    pattern: '/campaigns/new',
    load: () => import('./screens/campaigns/new.js'),
    title: 'campaigns.new',
  },
  {
    pattern: '/campaigns/:id',
    load: () => import('./screens/campaigns/campaign.js'),
    title: 'campaigns.title',
  },
  {
    pattern: '/campaigns/:id/reach',
    load: () => import('./screens/campaigns/reach.js'),
    title: 'campaigns.logReach',
  },

  // District reports (issue 13).
  { pattern: '/reports', load: () => import('./screens/reports/index.js'), title: 'reports.title' },
];
