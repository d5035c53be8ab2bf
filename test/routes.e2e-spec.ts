import { IS_PUBLIC } from '../src/common/decorators/public.decorator.js';
import { ROLES } from '../src/common/decorators/roles.decorator.js';
import { listRoutes } from './support/routes.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Who may reach what, for every route. A change here is a permission change: it shows up
 * in review as a diff of this list. Service-level checks (representative of *this*
 * organisation, owner of *this* profile) come on top and are tested per module.
 */
const EXPECTED = `
DELETE /api/v1/comments/:id  token
DELETE /api/v1/events/:id/registrations/me  token
DELETE /api/v1/issues/:id/endorsements/:organisationId  token
DELETE /api/v1/issues/:id/follow  token
DELETE /api/v1/organisations/:id/invitations/:invitationId  token
DELETE /api/v1/organisations/:id/members/:userId  token
DELETE /api/v1/rooms/:id/bans/:userId  token
DELETE /api/v1/search-terms/:id  token roles=admin
DELETE /api/v1/uploads/:id  token
GET /api/v1/actions/:id  token
GET /api/v1/actions/:id/updates  token
GET /api/v1/attachments/:id  token
GET /api/v1/audit-log  token roles=facilitator,admin
GET /api/v1/ballots  token
GET /api/v1/ballots/:id  token
GET /api/v1/ballots/:id/results  token
GET /api/v1/campaigns  token
GET /api/v1/campaigns/:id  token
GET /api/v1/campaigns/:id/reach  token
GET /api/v1/campaigns/:id/reach-summary  token
GET /api/v1/comments/:id/revisions  token
GET /api/v1/escalations  token
GET /api/v1/escalations/:id  token
GET /api/v1/events  token
GET /api/v1/events/:id  token
GET /api/v1/events/:id/attendance  token
GET /api/v1/events/:id/commitments  token
GET /api/v1/events/:id/registrations  token
GET /api/v1/events/:id/stats  token
GET /api/v1/files/:id/:variant  public
GET /api/v1/findings  token
GET /api/v1/findings/:id  token
GET /api/v1/findings/:id/trace  token
GET /api/v1/invitations  token
GET /api/v1/issues  token
GET /api/v1/issues/:id  token
GET /api/v1/issues/:id/comments  token
GET /api/v1/issues/:id/endorsements  token
GET /api/v1/issues/:id/escalations  token
GET /api/v1/issues/:id/evidence  token
GET /api/v1/issues/:id/history  token
GET /api/v1/issues/:id/legal-basis  token
GET /api/v1/legal-acts  token
GET /api/v1/legal-acts/:id  token
GET /api/v1/legal-acts/:id/provisions/:eId  token
GET /api/v1/me  token
GET /api/v1/members  token
GET /api/v1/members/:id  token
GET /api/v1/moderation/flags  token roles=facilitator,admin
GET /api/v1/notifications  token
GET /api/v1/notifications/unread-count  token
GET /api/v1/organisations  token
GET /api/v1/organisations/:id  token
GET /api/v1/organisations/:id/invitations  token
GET /api/v1/organisations/:id/members  token
GET /api/v1/provisions  token
GET /api/v1/provisions/:id  token
GET /api/v1/public/surveys/:token  public
GET /api/v1/reports  token roles=facilitator,admin
GET /api/v1/reports/:id  token
GET /api/v1/reports/:id/pdf  token
GET /api/v1/reports/:id/snapshot  token
GET /api/v1/reports/:id/xlsx  token
GET /api/v1/rooms  token
GET /api/v1/rooms/:id  token
GET /api/v1/rooms/:id/messages  token
GET /api/v1/search-terms  token
GET /api/v1/strategies  token
GET /api/v1/strategies/:id  token
GET /api/v1/surveys  token
GET /api/v1/surveys/:id  token
GET /api/v1/surveys/:id/export  token roles=facilitator,admin
GET /api/v1/surveys/:id/links  token
GET /api/v1/surveys/:id/results  token
GET /api/v1/surveys/:id/submissions  token
GET /api/v1/territories  public
GET /api/v1/territories/:id  public
GET /health/live  public
GET /health/ready  public
HEAD /api/v1/uploads/:id  token
PATCH /api/v1/actions/:id  token
PATCH /api/v1/comments/:id  token
PATCH /api/v1/escalations/:id  token
PATCH /api/v1/events/:id  token
PATCH /api/v1/issues/:id  token
PATCH /api/v1/legal-acts/:id  token roles=facilitator,admin
PATCH /api/v1/me  token
PATCH /api/v1/organisations/:id  token
PATCH /api/v1/organisations/:id/members/:userId  token
PATCH /api/v1/search-terms/:id  token roles=admin
PATCH /api/v1/strategies/:id  token roles=facilitator,admin
PATCH /api/v1/submissions/:id  token
PATCH /api/v1/surveys/:id  token
PATCH /api/v1/uploads/:id  token
PATCH /api/v1/users/:id/role  token roles=admin
POST /api/v1/actions/:id/updates  token
POST /api/v1/attachments  token
POST /api/v1/attachments/:id/flags  token
POST /api/v1/attachments/:id/hide  token
POST /api/v1/auth/login  public
POST /api/v1/auth/logout  public
POST /api/v1/auth/password-reset  public
POST /api/v1/auth/refresh  public
POST /api/v1/auth/register  public
POST /api/v1/ballots  token
POST /api/v1/ballots/:id/close  token
POST /api/v1/ballots/:id/outcome  token
POST /api/v1/campaigns  token
POST /api/v1/campaigns/:id/publications  token
POST /api/v1/campaigns/:id/reach  token
POST /api/v1/comments/:id/hide  token roles=facilitator,admin
POST /api/v1/comments/:id/unhide  token roles=facilitator,admin
POST /api/v1/events  token
POST /api/v1/events/:id/attendance  token
POST /api/v1/events/:id/close  token
POST /api/v1/events/:id/registrations  token
POST /api/v1/findings  token roles=facilitator,admin
POST /api/v1/findings/:id/issue  token roles=facilitator,admin
POST /api/v1/invitations/:id/accept  token
POST /api/v1/invitations/:id/decline  token
POST /api/v1/issue-links/:id/confirm  token roles=facilitator,admin
POST /api/v1/issue-links/:id/reject  token roles=facilitator,admin
POST /api/v1/issues  token
POST /api/v1/issues/:id/comments  token
POST /api/v1/issues/:id/endorsements  token
POST /api/v1/issues/:id/escalations  token
POST /api/v1/issues/:id/follow  token
POST /api/v1/issues/:id/merge  token roles=facilitator,admin
POST /api/v1/issues/:id/transitions  token
POST /api/v1/legal-acts  token roles=facilitator,admin
POST /api/v1/legal-acts/:id/provisions  token roles=facilitator,admin
POST /api/v1/legal-acts/import  token roles=facilitator,admin
POST /api/v1/me/password  token
POST /api/v1/messages/:id/flags  token
POST /api/v1/messages/:id/hide  token
POST /api/v1/moderation/flags/:id/resolve  token roles=facilitator,admin
POST /api/v1/notifications/read  token
POST /api/v1/objectives/:id/actions  token roles=facilitator,admin
POST /api/v1/organisations  token
POST /api/v1/organisations/:id/invitations  token
POST /api/v1/organisations/:id/members  token
POST /api/v1/organisations/:id/network-application  token
POST /api/v1/organisations/:id/network-application/decision  token roles=facilitator,admin
POST /api/v1/provisions/:id/issue-links  token
POST /api/v1/publications/:id/approve  token
POST /api/v1/reports  token roles=facilitator,admin
POST /api/v1/rooms  token
POST /api/v1/rooms/:id/bans  token
POST /api/v1/rooms/:id/lock  token
POST /api/v1/rooms/:id/members  token
POST /api/v1/rooms/:id/mutes  token
POST /api/v1/rooms/:id/pin  token
POST /api/v1/rooms/:id/slow-mode  token
POST /api/v1/search-terms  token roles=admin
POST /api/v1/strategies  token roles=facilitator,admin
POST /api/v1/strategies/:id/objectives  token roles=facilitator,admin
POST /api/v1/surveys  token
POST /api/v1/surveys/:id/links  token
POST /api/v1/surveys/:id/submissions/reconcile  token
POST /api/v1/surveys/:id/transitions  token
POST /api/v1/surveys/:id/versions  token
POST /api/v1/uploads  token
POST /api/v1/users/:id/password-reset-codes  token roles=facilitator,admin
PUT /api/v1/ballots/:id/votes/:organisationId  token
PUT /api/v1/events/:id/tallies  token
PUT /api/v1/public/surveys/:token/submissions/:submissionId  public
PUT /api/v1/surveys/:id/submissions/:submissionId  token
`.trim();

function routeTable(app: TestApp['app']): string {
  return listRoutes(app)
    .map(({ method, path, handler, controller }) => {
      const isPublic =
        Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller);
      const roles = (Reflect.getMetadata(ROLES, handler) ??
        Reflect.getMetadata(ROLES, controller)) as string[] | undefined;
      return `${method} ${path}  ${isPublic ? 'public' : 'token'}${roles?.length ? ` roles=${roles.join(',')}` : ''}`;
    })
    .sort()
    .join('\n');
}

describe('routes and their guards', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every route with who may reach it', () => {
    expect(routeTable(t.app)).toBe(EXPECTED);
  });

  it('every route marked "token" really refuses a request without one', async () => {
    const tokenRoutes = EXPECTED.split('\n').filter(
      (line) => line.endsWith('token') || line.includes(' token '),
    );
    for (const line of tokenRoutes) {
      const [method, path] = line.split(' ') as [string, string];
      const url = path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const req = t.http[method.toLowerCase() as 'get'](url);
      // A HEAD has no body either way: its status is the answer (tus's HEAD /uploads/:id).
      const res = method === 'HEAD' ? await req : await req.send({});
      const code = method === 'HEAD' ? 'unauthorized' : (res.body as { code?: string }).code;
      expect({ line, status: res.status, code }).toEqual({
        line,
        status: 401,
        code: 'unauthorized',
      });
    }
  });
});
