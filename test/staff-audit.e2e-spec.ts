import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { IS_PUBLIC } from '../src/common/decorators/public.decorator.js';
import {
  API,
  call,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { png } from './support/attachment-fixtures.js';
import { listRoutes } from './support/routes.js';
import { ask, connect } from './support/socket.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createSurvey, QUESTIONS, respondent } from './support/surveys.js';

/**
 * Every staff action on someone else's work is in the audit log (issue 9, item 4). The list
 * of routes comes from the route table: each mutating route that needs a token is either
 * exercised here as staff on another person's resource, with the audit action it must write,
 * or named as one that acts only on the caller's own things, with the reason. A new mutating
 * route that is in neither list fails the first test: decide which it is.
 */

interface Performed {
  res: { status: number; body: Record<string, unknown> };
  /** The staff member who acted; the entry must carry them as actor. */
  actor: SignedUp;
  action: string;
  targetId: string;
}

type Exercise = (k: Kit) => Promise<Performed>;

/** A thesaurus concept of made-up words no seeded concept holds (a term is in one concept only). */
function newConcept() {
  const tag = randomUUID()
    .slice(0, 8)
    .replace(/[^a-z]/g, 'q');
  return { name: `concept ${tag}`, terms: { en: [`zed${tag}`], ru: [`мир${tag}`] } };
}

/** Routes that act only on the caller's own account, content or memberships. */
const OWN_ONLY: Record<string, string> = {
  'DELETE /api/v1/comments/:id': 'authors delete their own comments only; staff hide instead',
  'PATCH /api/v1/comments/:id': 'authors edit their own comments only',
  'DELETE /api/v1/issues/:id/follow': "the caller's own follow",
  'POST /api/v1/issues/:id/follow': "the caller's own follow",
  'PATCH /api/v1/me': "the caller's own profile",
  'POST /api/v1/me/password': "the caller's own password",
  'POST /api/v1/invitations/:id/accept': 'only the invited person answers',
  'POST /api/v1/invitations/:id/decline': 'only the invited person answers',
  'POST /api/v1/issues': 'raises an issue of the caller',
  'POST /api/v1/issues/:id/comments': 'writes a comment of the caller',
  'POST /api/v1/issues/:id/endorsements': 'only members of the organisation endorse for it',
  'POST /api/v1/messages/:id/flags': 'a report by the caller, for staff to resolve',
  'POST /api/v1/attachments/:id/flags': 'a report by the caller, for staff to resolve',
  'POST /api/v1/uploads': "the caller's own upload",
  'PATCH /api/v1/uploads/:id': "the caller's own upload (others get 404)",
  'DELETE /api/v1/uploads/:id': "the caller's own upload (others get 404)",
  'POST /api/v1/attachments': "the caller's own file, until it is attached",
  'POST /api/v1/notifications/read': "the caller's own notifications",
  'POST /api/v1/organisations': 'creates an organisation the caller represents',
  'POST /api/v1/rooms': 'creates a room of the caller',
  'POST /api/v1/surveys': 'creates a survey of the caller',
  'PUT /api/v1/surveys/:id/submissions/:submissionId':
    "stores the caller's own entry (their answer, or a form they typed in); a replay changes nothing",
  'POST /api/v1/surveys/:id/submissions/reconcile':
    "tells which of the caller's submission ids are stored; changes nothing",

  'POST /api/v1/events': 'plans an event of the caller (for an organisation they represent)',
  'POST /api/v1/events/:id/registrations': "the caller's own registration",
  'DELETE /api/v1/events/:id/registrations/me': "the caller's own registration",
  'POST /api/v1/findings': 'records a finding of the caller (staff only)',
  'POST /api/v1/legal-acts': 'adds an act to the library (staff only)',
  'POST /api/v1/legal-acts/:id/provisions':
    'adds a provision to the library (staff only); nothing of anyone else changes',
  'POST /api/v1/provisions/:id/issue-links':
    "the caller's own proposal (a facilitator's own link is confirmed at once, audited as legal_link.confirm)",
  'POST /api/v1/campaigns': 'starts a campaign of the caller (for an organisation they represent)',
  'POST /api/v1/reports':
    'requests a report pack of the caller (staff only); recorded as report.request all the same',
};

/** Performs each staff route as staff on someone else's resource. */
const AUDITED: Record<string, Exercise> = {
  'POST /api/v1/search-terms': async (k) => {
    const res = await k.as(k.admin, 'post', '/search-terms', newConcept());
    return { res, actor: k.admin, action: 'search_concept.create', targetId: String(res.body.id) };
  },
  'PATCH /api/v1/search-terms/:id': async (k) => {
    const id = String((await k.as(k.admin, 'post', '/search-terms', newConcept())).body.id);
    const res = await k.as(k.admin, 'patch', `/search-terms/${id}`, { name: `renamed ${id}` });
    return { res, actor: k.admin, action: 'search_concept.update', targetId: id };
  },
  'DELETE /api/v1/search-terms/:id': async (k) => {
    const id = String((await k.as(k.admin, 'post', '/search-terms', newConcept())).body.id);
    const res = await k.as(k.admin, 'delete', `/search-terms/${id}`);
    return { res, actor: k.admin, action: 'search_concept.delete', targetId: id };
  },
  'PATCH /api/v1/users/:id/role': async (k) => {
    const member = await k.user();
    const res = await k.as(k.admin, 'patch', `/users/${member.id}/role`, { role: 'facilitator' });
    return { res, actor: k.admin, action: 'user.role', targetId: member.id };
  },
  'POST /api/v1/users/:id/password-reset-codes': async (k) => {
    const member = await k.user();
    const res = await k.as(k.facilitator, 'post', `/users/${member.id}/password-reset-codes`);
    return { res, actor: k.facilitator, action: 'user.password_reset_code', targetId: member.id };
  },
  'PATCH /api/v1/issues/:id': async (k) => {
    const issueId = await k.issue();
    const res = await k.as(k.facilitator, 'patch', `/issues/${issueId}`, {
      title: 'Road to Ak-Sai closed (edited by a facilitator)',
    });
    return { res, actor: k.facilitator, action: 'issue.edit', targetId: issueId };
  },
  'POST /api/v1/issues/:id/transitions': async (k) => {
    const issueId = await k.issue();
    const res = await k.as(k.facilitator, 'post', `/issues/${issueId}/transitions`, {
      to: 'discussing',
    });
    return { res, actor: k.facilitator, action: 'issue.transition', targetId: issueId };
  },
  'POST /api/v1/issues/:id/merge': async (k) => {
    const [source, target] = [await k.issue(), await k.issue()];
    const res = await k.as(k.facilitator, 'post', `/issues/${source}/merge`, {
      targetIssueId: target,
    });
    return { res, actor: k.facilitator, action: 'issue.merge', targetId: source };
  },
  'DELETE /api/v1/issues/:id/endorsements/:organisationId': async (k) => {
    const issueId = await k.issue();
    const org = await makeOrganisation(k.t, k.author);
    const endorsed = await k.as(k.author, 'post', `/issues/${issueId}/endorsements`, {
      organisationId: org.id,
    });
    expect(endorsed.status).toBe(201);
    const res = await k.as(k.facilitator, 'delete', `/issues/${issueId}/endorsements/${org.id}`);
    return { res, actor: k.facilitator, action: 'endorsement.withdraw', targetId: issueId };
  },
  'POST /api/v1/comments/:id/hide': async (k) => {
    const commentId = await k.comment();
    const res = await k.as(k.facilitator, 'post', `/comments/${commentId}/hide`, {
      reason: 'Personal attack',
    });
    return { res, actor: k.facilitator, action: 'comment.hide', targetId: commentId };
  },
  'POST /api/v1/comments/:id/unhide': async (k) => {
    const commentId = await k.comment();
    const hidden = await k.as(k.admin, 'post', `/comments/${commentId}/hide`, {
      reason: 'Personal attack',
    });
    expect(hidden.status).toBe(200);
    const res = await k.as(k.facilitator, 'post', `/comments/${commentId}/unhide`, {});
    return { res, actor: k.facilitator, action: 'comment.unhide', targetId: commentId };
  },
  'POST /api/v1/issues/:id/escalations': async (k) => {
    const issueId = await k.prioritisedIssue();
    const res = await k.escalate(issueId);
    return {
      res,
      actor: k.facilitator,
      action: 'escalation.record',
      targetId: res.body.id as string,
    };
  },
  'PATCH /api/v1/escalations/:id': async (k) => {
    const created = await k.escalate(await k.prioritisedIssue(), k.admin);
    const id = created.body.id as string;
    const res = await k.as(k.facilitator, 'patch', `/escalations/${id}`, { reference: 'No. 17' });
    return { res, actor: k.facilitator, action: 'escalation.edit', targetId: id };
  },
  'PATCH /api/v1/organisations/:id': async (k) => {
    const org = await makeOrganisation(k.t, k.author);
    const res = await k.as(k.admin, 'patch', `/organisations/${org.id}`, {
      description: 'Corrected by an admin',
    });
    return { res, actor: k.admin, action: 'organisation.edit', targetId: org.id };
  },
  'POST /api/v1/organisations/:id/members': async (k) => {
    const org = await makeOrganisation(k.t, k.author);
    const newcomer = await k.user();
    const res = await k.as(k.admin, 'post', `/organisations/${org.id}/members`, {
      userId: newcomer.id,
      role: 'member',
    });
    return { res, actor: k.admin, action: 'organisation.member_add', targetId: org.id };
  },
  'PATCH /api/v1/organisations/:id/members/:userId': async (k) => {
    const { org, member } = await k.organisationWithMember();
    const res = await k.as(k.admin, 'patch', `/organisations/${org}/members/${member}`, {
      role: 'representative',
    });
    return { res, actor: k.admin, action: 'organisation.member_role', targetId: org };
  },
  'DELETE /api/v1/organisations/:id/members/:userId': async (k) => {
    const { org, member } = await k.organisationWithMember();
    const res = await k.as(k.admin, 'delete', `/organisations/${org}/members/${member}`);
    return { res, actor: k.admin, action: 'organisation.member_remove', targetId: org };
  },
  'POST /api/v1/organisations/:id/invitations': async (k) => {
    const org = await makeOrganisation(k.t, k.author);
    const invitee = await k.user();
    const res = await k.as(k.admin, 'post', `/organisations/${org.id}/invitations`, {
      userId: invitee.id,
      role: 'member',
    });
    return { res, actor: k.admin, action: 'organisation.invite', targetId: org.id };
  },
  'DELETE /api/v1/organisations/:id/invitations/:invitationId': async (k) => {
    const org = await makeOrganisation(k.t, k.author);
    const invitee = await k.user();
    const invited = await k.as(k.author, 'post', `/organisations/${org.id}/invitations`, {
      userId: invitee.id,
      role: 'member',
    });
    expect(invited.status).toBe(201);
    const res = await k.as(
      k.admin,
      'delete',
      `/organisations/${org.id}/invitations/${invited.body.id as string}`,
    );
    return { res, actor: k.admin, action: 'organisation.invitation_cancel', targetId: org.id };
  },
  'POST /api/v1/organisations/:id/network-application': async (k) => {
    const org = await makeOrganisation(k.t, k.author);
    const res = await k.as(k.admin, 'post', `/organisations/${org.id}/network-application`, {
      motivation: 'Applied for them at the district meeting',
    });
    return { res, actor: k.admin, action: 'organisation.network_application', targetId: org.id };
  },
  'POST /api/v1/organisations/:id/network-application/decision': async (k) => {
    const org = await makeOrganisation(k.t, k.author);
    const applied = await k.as(
      k.author,
      'post',
      `/organisations/${org.id}/network-application`,
      {},
    );
    expect(applied.status).toBe(200);
    const res = await k.as(
      k.facilitator,
      'post',
      `/organisations/${org.id}/network-application/decision`,
      { approve: true },
    );
    return { res, actor: k.facilitator, action: 'organisation.network_decision', targetId: org.id };
  },
  'POST /api/v1/rooms/:id/members': async (k) => {
    const room = await k.privateRoom();
    const guest = await k.user();
    const res = await k.as(k.facilitator, 'post', `/rooms/${room.id}/members`, {
      userId: guest.id,
    });
    return { res, actor: k.facilitator, action: 'room.member_add', targetId: room.id };
  },
  'POST /api/v1/rooms/:id/lock': async (k) => {
    const room = await k.privateRoom();
    const res = await k.as(k.facilitator, 'post', `/rooms/${room.id}/lock`, { locked: true });
    return { res, actor: k.facilitator, action: 'room.lock', targetId: room.id };
  },
  'POST /api/v1/rooms/:id/slow-mode': async (k) => {
    const room = await k.privateRoom();
    const res = await k.as(k.facilitator, 'post', `/rooms/${room.id}/slow-mode`, { seconds: 30 });
    return { res, actor: k.facilitator, action: 'room.slow_mode', targetId: room.id };
  },
  'POST /api/v1/rooms/:id/pin': async (k) => {
    const room = await k.privateRoom();
    await k.say(room.id);
    const res = await k.as(k.facilitator, 'post', `/rooms/${room.id}/pin`, { seq: 1 });
    return { res, actor: k.facilitator, action: 'room.pin', targetId: room.id };
  },
  'POST /api/v1/rooms/:id/mutes': async (k) => {
    const room = await k.privateRoom();
    const res = await k.as(k.facilitator, 'post', `/rooms/${room.id}/mutes`, {
      userId: room.guest.id,
      minutes: 10,
      reason: 'Cool down',
    });
    return { res, actor: k.facilitator, action: 'room.mute', targetId: room.guest.id };
  },
  'POST /api/v1/rooms/:id/bans': async (k) => {
    const room = await k.privateRoom();
    const res = await k.as(k.facilitator, 'post', `/rooms/${room.id}/bans`, {
      userId: room.guest.id,
      reason: 'Threats',
    });
    return { res, actor: k.facilitator, action: 'room.ban', targetId: room.guest.id };
  },
  'DELETE /api/v1/rooms/:id/bans/:userId': async (k) => {
    const room = await k.privateRoom();
    const banned = await k.as(k.admin, 'post', `/rooms/${room.id}/bans`, {
      userId: room.guest.id,
      reason: 'Threats',
    });
    expect(banned.status).toBe(201);
    const res = await k.as(k.facilitator, 'delete', `/rooms/${room.id}/bans/${room.guest.id}`);
    return { res, actor: k.facilitator, action: 'room.unban', targetId: room.guest.id };
  },
  'POST /api/v1/messages/:id/hide': async (k) => {
    const room = await k.privateRoom();
    const messageId = await k.say(room.id);
    const res = await k.as(k.facilitator, 'post', `/messages/${messageId}/hide`, {
      reason: 'Personal data',
    });
    return { res, actor: k.facilitator, action: 'message.hide', targetId: messageId };
  },
  'POST /api/v1/attachments/:id/hide': async (k) => {
    const bytes = await png(64, 48);
    const created = await k.t.http
      .post(`${API}/uploads`)
      .set(k.author.auth)
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Length', String(bytes.length))
      .set('Content-Type', 'application/offset+octet-stream')
      .send(bytes);
    expect(created.status).toBe(201);
    const uploadId = String(created.headers.location).split('/').pop();
    const file = await k.as(k.author, 'post', '/attachments', { uploadId });
    expect(file.status).toBe(201);
    const attachmentId = String(file.body.id);
    const raised = await k.as(k.author, 'post', '/issues', {
      title: 'Road to Ak-Sai closed',
      body: 'The road between the villages has been closed since spring.',
      category: 'roads_transport',
      territoryIds: [TERRITORY.akSai],
      decisionLevel: 'district',
      attachmentIds: [attachmentId],
    });
    expect(raised.status).toBe(201);
    const res = await k.as(k.facilitator, 'post', `/attachments/${attachmentId}/hide`, {
      reason: 'A face without consent',
    });
    return { res, actor: k.facilitator, action: 'attachment.hide', targetId: attachmentId };
  },
  'POST /api/v1/moderation/flags/:id/resolve': async (k) => {
    const room = await k.privateRoom();
    const messageId = await k.say(room.id);
    const flagged = await k.as(room.guest, 'post', `/messages/${messageId}/flags`, {
      reason: 'Insulting',
    });
    expect(flagged.status).toBe(201);
    const res = await k.as(
      k.facilitator,
      'post',
      `/moderation/flags/${flagged.body.id as string}/resolve`,
      {
        action: 'dismiss',
      },
    );
    // The entry names the flagged message (and the flag in its details).
    return { res, actor: k.facilitator, action: 'flag.resolve', targetId: messageId };
  },
};

/** A survey of the admin's (open unless told), for a facilitator to act on. */
async function adminSurvey(k: Kit, open = true): Promise<string> {
  const id = await createSurvey(k.t, k.admin);
  if (open) {
    const opened = await k.as(k.admin, 'post', `/surveys/${id}/transitions`, { to: 'open' });
    expect(opened.status).toBe(200);
  }
  return id;
}

const SURVEY_AUDITED: Record<string, Exercise> = {
  'PATCH /api/v1/surveys/:id': async (k) => {
    const id = await adminSurvey(k, false);
    const res = await k.as(k.facilitator, 'patch', `/surveys/${id}`, {
      title: { ru: 'Исправлено фасилитатором' },
    });
    return { res, actor: k.facilitator, action: 'survey.edit', targetId: id };
  },
  'POST /api/v1/surveys/:id/transitions': async (k) => {
    const id = await adminSurvey(k, false);
    const res = await k.as(k.facilitator, 'post', `/surveys/${id}/transitions`, { to: 'open' });
    return { res, actor: k.facilitator, action: 'survey.transition', targetId: id };
  },
  'POST /api/v1/surveys/:id/versions': async (k) => {
    const id = await adminSurvey(k);
    const res = await k.as(k.facilitator, 'post', `/surveys/${id}/versions`, {
      questions: QUESTIONS.slice(0, 3),
    });
    return { res, actor: k.facilitator, action: 'survey.version', targetId: id };
  },
  'POST /api/v1/surveys/:id/links': async (k) => {
    const id = await adminSurvey(k);
    const res = await k.as(k.facilitator, 'post', `/surveys/${id}/links`, { maxResponses: 50 });
    return { res, actor: k.facilitator, action: 'survey.link', targetId: id };
  },
  'PATCH /api/v1/submissions/:id': async (k) => {
    const id = await adminSurvey(k);
    await makeOrganisation(k.t, k.author);
    const submissionId = randomUUID();
    const stored = await k.t.http
      .put(`${API}/surveys/${id}/submissions/${submissionId}`)
      .set(k.author.auth)
      .send({
        version: 1,
        mode: 'paper',
        respondent: respondent(),
        answers: { water_source: 'tap' },
      });
    expect(stored.status).toBe(201);
    const res = await k.as(k.facilitator, 'patch', `/submissions/${submissionId}`, {
      answers: { water_source: 'tap', household: 3 },
      reason: 'Checked against the paper form',
    });
    return {
      res,
      actor: k.facilitator,
      action: 'survey_submission.revise',
      targetId: submissionId,
    };
  },
};
Object.assign(AUDITED, SURVEY_AUDITED);

// Events and findings (issue 12): staff acting on an event another organisation organises.
Object.assign(AUDITED, {
  'PATCH /api/v1/events/:id': async (k) => {
    const id = await k.event();
    const res = await k.as(k.facilitator, 'patch', `/events/${id}`, { place: 'Мектеп' });
    return { res, actor: k.facilitator, action: 'event.edit', targetId: id };
  },
  'POST /api/v1/events/:id/attendance': async (k) => {
    const id = await k.event('training');
    const res = await k.as(k.facilitator, 'post', `/events/${id}/attendance`, {
      rows: [
        {
          clientRowId: 'a1',
          name: 'Айгүл',
          gender: 'female',
          ageBand: '18-29',
          role: 'participant',
        },
      ],
    });
    return { res, actor: k.facilitator, action: 'event.attendance', targetId: id };
  },
  'PUT /api/v1/events/:id/tallies': async (k) => {
    const id = await k.event();
    const res = await k.t.http
      .put(`${API}/events/${id}/tallies`)
      .set(k.facilitator.auth)
      .send({ rows: [{ gender: 'female', ageBand: '18-29', count: 7 }] });
    return { res, actor: k.facilitator, action: 'event.tallies', targetId: id };
  },
  'POST /api/v1/events/:id/close': async (k) => {
    const id = await k.event();
    const res = await k.as(k.facilitator, 'post', `/events/${id}/close`, {
      minutes: { ky: 'Протокол' },
    });
    return { res, actor: k.facilitator, action: 'event.close', targetId: id };
  },
  'POST /api/v1/findings/:id/issue': async (k) => {
    const created = await k.as(k.admin, 'post', '/findings', {
      statement: 'Сугат суусу жетишсиз',
      language: 'ky',
      category: 'water_irrigation',
      territoryIds: [TERRITORY.akSai],
      evidence: { eventIds: [await k.event()] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const res = await k.as(k.facilitator, 'post', `/findings/${id}/issue`, {
      decisionLevel: 'district',
    });
    return { res, actor: k.facilitator, action: 'finding.raise_issue', targetId: id };
  },
} satisfies Record<string, Exercise>);

// Priority ballots (issue 13): staff open, close and decide ballots, and enter paper votes for
// organisations they do not represent.
async function ballotOf(
  k: Kit,
  closed = false,
): Promise<{ id: string; org: string; issues: string[] }> {
  const org = await makeOrganisation(k.t, k.author, { networkStatus: 'member' });
  const issues = [await k.issue(), await k.issue()];
  const res = await k.as(k.admin, 'post', '/ballots', {
    title: { ky: 'Артыкчылыктар' },
    method: 'approval',
    issueIds: issues,
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  if (closed) expect((await k.as(k.admin, 'post', `/ballots/${id}/close`)).status).toBe(200);
  return { id, org: org.id, issues };
}
Object.assign(AUDITED, {
  'POST /api/v1/ballots': async (k) => {
    const issues = [await k.issue(), await k.issue()];
    await makeOrganisation(k.t, k.author, { networkStatus: 'member' });
    const res = await k.as(k.facilitator, 'post', '/ballots', {
      title: { ru: 'Приоритеты' },
      method: 'ranked',
      issueIds: issues,
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    return { res, actor: k.facilitator, action: 'ballot.open', targetId: String(res.body.id) };
  },
  'PUT /api/v1/ballots/:id/votes/:organisationId': async (k) => {
    const ballot = await ballotOf(k);
    const res = await k.t.http
      .put(`${API}/ballots/${ballot.id}/votes/${ballot.org}`)
      .set(k.facilitator.auth)
      .send({ choices: [ballot.issues[0]], note: 'Paper ballot from the village meeting' });
    return { res, actor: k.facilitator, action: 'ballot.paper_vote', targetId: ballot.id };
  },
  'POST /api/v1/ballots/:id/close': async (k) => {
    const ballot = await ballotOf(k);
    const res = await k.as(k.facilitator, 'post', `/ballots/${ballot.id}/close`);
    return { res, actor: k.facilitator, action: 'ballot.close', targetId: ballot.id };
  },
  'POST /api/v1/ballots/:id/outcome': async (k) => {
    const ballot = await ballotOf(k, true);
    const res = await k.as(k.facilitator, 'post', `/ballots/${ballot.id}/outcome`, {
      selectedIssueIds: [ballot.issues[0]],
      statement: 'The network chose this one.',
    });
    return { res, actor: k.facilitator, action: 'ballot.outcome', targetId: ballot.id };
  },
} satisfies Record<string, Exercise>);

// Legal library (issue 13): staff acting on the library and on members' proposed links.
async function legalProvision(k: Kit): Promise<{ actId: string; provisionId: string }> {
  const act = await k.as(k.admin, 'post', '/legal-acts', {
    title: { ky: 'Мыйзам' },
    kind: 'law',
    number: randomUUID(),
    adoptedAt: '2021-01-01',
    issuer: 'Жогорку Кеңеш',
    status: 'in_force',
  });
  expect(act.status).toBe(201);
  const provision = await k.as(k.admin, 'post', `/legal-acts/${act.body.id}/provisions`, {
    eId: 'art_1',
    heading: { ky: '1-берене' },
    text: { ky: 'Текст' },
  });
  expect(provision.status).toBe(201);
  return { actId: String(act.body.id), provisionId: String(provision.body.id) };
}
async function legalProposal(k: Kit): Promise<string> {
  const { provisionId } = await legalProvision(k);
  const res = await k.as(k.author, 'post', `/provisions/${provisionId}/issue-links`, {
    issueId: await k.issue(),
    relation: 'grants_right',
  });
  expect(res.status).toBe(201);
  return String(res.body.id);
}
Object.assign(AUDITED, {
  'PATCH /api/v1/legal-acts/:id': async (k) => {
    const { actId } = await legalProvision(k);
    const res = await k.as(k.facilitator, 'patch', `/legal-acts/${actId}`, { status: 'amended' });
    return { res, actor: k.facilitator, action: 'legal_act.update', targetId: actId };
  },
  'POST /api/v1/legal-acts/import': async (k) => {
    const { actId } = await legalProvision(k);
    const [act] = await k.t.db.query<Record<string, unknown>[]>(
      `SELECT title, kind, number, to_char(adopted_at, 'YYYY-MM-DD') AS "adoptedAt", issuer, status FROM legal_acts WHERE id = $1`,
      [actId],
    );
    const res = await k.as(k.facilitator, 'post', '/legal-acts/import', {
      ...act,
      provisions: [{ eId: 'art_1', heading: { ky: '1-берене' }, text: { ky: 'Жаңы текст' } }],
    });
    return { res, actor: k.facilitator, action: 'legal_act.import', targetId: actId };
  },
  'POST /api/v1/issue-links/:id/confirm': async (k) => {
    const id = await legalProposal(k);
    const res = await k.as(k.facilitator, 'post', `/issue-links/${id}/confirm`, {});
    return { res, actor: k.facilitator, action: 'legal_link.confirm', targetId: id };
  },
  'POST /api/v1/issue-links/:id/reject': async (k) => {
    const id = await legalProposal(k);
    const res = await k.as(k.facilitator, 'post', `/issue-links/${id}/reject`, {});
    return { res, actor: k.facilitator, action: 'legal_link.reject', targetId: id };
  },
} satisfies Record<string, Exercise>);

// Campaigns (issue 13): staff acting on a campaign an organisation runs, and approving.
async function authorsCampaign(k: Kit): Promise<{ id: string; org: string }> {
  const org = await makeOrganisation(k.t, k.author, { networkStatus: 'member' });
  const res = await k.as(k.author, 'post', '/campaigns', {
    title: { ky: 'Жайыт укугу' },
    objective: { ky: 'Тургундар укуктарын билишет' },
    startsAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    organisationId: org.id,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, org: org.id };
}
const PUBLICATION = {
  kind: 'leaflet',
  language: 'ky',
  title: 'Жайытка укугуңуз',
  audiences: ['women'],
};
Object.assign(AUDITED, {
  'POST /api/v1/campaigns/:id/publications': async (k) => {
    const { id } = await authorsCampaign(k);
    const res = await k.as(k.facilitator, 'post', `/campaigns/${id}/publications`, PUBLICATION);
    return { res, actor: k.facilitator, action: 'campaign.publication', targetId: id };
  },
  'POST /api/v1/publications/:id/approve': async (k) => {
    const { id: campaign } = await authorsCampaign(k);
    const made = await k.as(k.author, 'post', `/campaigns/${campaign}/publications`, PUBLICATION);
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const res = await k.as(k.facilitator, 'post', `/publications/${id}/approve`);
    return { res, actor: k.facilitator, action: 'campaign.publication_approve', targetId: id };
  },
  'POST /api/v1/campaigns/:id/reach': async (k) => {
    const { id, org } = await authorsCampaign(k);
    const res = await k.as(k.facilitator, 'post', `/campaigns/${id}/reach`, {
      clientRowId: randomUUID(),
      date: new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10),
      territoryId: TERRITORY.akSai,
      channel: 'meeting',
      audience: 'women',
      female: 4,
      male: 2,
      undisclosed: 0,
      estimated: false,
      organisationId: org,
    });
    return { res, actor: k.facilitator, action: 'campaign.reach', targetId: id };
  },
} satisfies Record<string, Exercise>);

// Strategies (issue 13): staff planning, and staff reporting on an action another organisation owns.
async function strategyFixture(
  k: Kit,
): Promise<{ strategyId: string; objectiveId: string; actionId: string }> {
  const owner = await makeOrganisation(k.t, k.author, { kind: 'aiyl_okmotu' });
  const strategy = await k.as(k.admin, 'post', '/strategies', {
    title: { ky: 'Жол стратегиясы' },
    goal: { ky: 'Жол ачылсын' },
    issueIds: [await k.issue()],
  });
  expect(strategy.status).toBe(201);
  const objective = await k.as(
    k.admin,
    'post',
    `/strategies/${strategy.body.id as string}/objectives`,
    {
      title: { ky: 'Кат жазуу' },
    },
  );
  expect(objective.status).toBe(201);
  const action = await k.as(k.admin, 'post', `/objectives/${objective.body.id as string}/actions`, {
    title: { ky: 'Райондук администрацияга кат' },
    ownerOrganisationId: owner.id,
    dueAt: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
  });
  expect(action.status).toBe(201);
  return {
    strategyId: strategy.body.id as string,
    objectiveId: objective.body.id as string,
    actionId: action.body.id as string,
  };
}

Object.assign(AUDITED, {
  'POST /api/v1/strategies': async (k) => {
    const res = await k.as(k.facilitator, 'post', '/strategies', {
      title: { ky: 'Суу стратегиясы' },
      goal: { ky: 'Суу жетсин' },
      issueIds: [await k.issue()],
    });
    return {
      res,
      actor: k.facilitator,
      action: 'strategy.create',
      targetId: res.body.id as string,
    };
  },
  'PATCH /api/v1/strategies/:id': async (k) => {
    const { strategyId } = await strategyFixture(k);
    const res = await k.as(k.facilitator, 'patch', `/strategies/${strategyId}`, {
      title: { ky: 'Жаңы' },
    });
    return { res, actor: k.facilitator, action: 'strategy.edit', targetId: strategyId };
  },
  'POST /api/v1/strategies/:id/objectives': async (k) => {
    const { strategyId } = await strategyFixture(k);
    const res = await k.as(k.facilitator, 'post', `/strategies/${strategyId}/objectives`, {
      title: { ky: 'Экинчи максат' },
    });
    return { res, actor: k.facilitator, action: 'strategy_objective.create', targetId: strategyId };
  },
  'POST /api/v1/objectives/:id/actions': async (k) => {
    const { objectiveId } = await strategyFixture(k);
    const owner = await makeOrganisation(k.t, k.author);
    const res = await k.as(k.facilitator, 'post', `/objectives/${objectiveId}/actions`, {
      title: { ky: 'Экинчи кат' },
      ownerOrganisationId: owner.id,
      dueAt: new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString(),
    });
    return {
      res,
      actor: k.facilitator,
      action: 'strategy_action.create',
      targetId: res.body.id as string,
    };
  },
  'PATCH /api/v1/actions/:id': async (k) => {
    const { actionId } = await strategyFixture(k);
    const res = await k.as(k.facilitator, 'patch', `/actions/${actionId}`, { weight: 3 });
    return { res, actor: k.facilitator, action: 'strategy_action.edit', targetId: actionId };
  },
  'POST /api/v1/actions/:id/updates': async (k) => {
    const { actionId } = await strategyFixture(k);
    const res = await k.as(k.facilitator, 'post', `/actions/${actionId}/updates`, {
      progress: 20,
      status: 'in_progress',
    });
    return { res, actor: k.facilitator, action: 'strategy_action.update', targetId: actionId };
  },
} satisfies Record<string, Exercise>);

/** Fixtures: a fresh author's resources for each route, and the staff who act on them. */
class Kit {
  sockets: Socket[] = [];

  constructor(
    readonly t: TestApp,
    readonly admin: SignedUp,
    readonly facilitator: SignedUp,
    readonly author: SignedUp,
  ) {}

  as(actor: SignedUp, method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object) {
    return call(this.t, method, path, actor, body ?? {});
  }

  user(): Promise<SignedUp> {
    return signUp(this.t);
  }

  async issue(): Promise<string> {
    const res = await this.as(this.author, 'post', '/issues', {
      title: 'Road to Ak-Sai closed',
      body: 'The road between the villages has been closed since spring.',
      category: 'roads_transport',
      territoryIds: [TERRITORY.akSai],
      decisionLevel: 'district',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async prioritisedIssue(): Promise<string> {
    const id = await this.issue();
    for (const to of ['discussing', 'prioritised']) {
      expect((await this.as(this.admin, 'post', `/issues/${id}/transitions`, { to })).status).toBe(
        200,
      );
    }
    return id;
  }

  async escalate(issueId: string, actor = this.facilitator) {
    const authority = await makeOrganisation(this.t, this.admin, { kind: 'state_administration' });
    return this.as(actor, 'post', `/issues/${issueId}/escalations`, {
      authorityOrganisationId: authority.id,
      sentAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
  }

  /**
   * An event the author plans for a network-member organisation they represent: a focus group,
   * or a training where names are taken (a focus group takes no sheet lines).
   */
  async event(kind: 'focus_group' | 'training' = 'focus_group'): Promise<string> {
    const org = await makeOrganisation(this.t, this.author, { networkStatus: 'member' });
    const res = await this.as(this.author, 'post', '/events', {
      kind,
      ...(kind === 'focus_group' ? { group: 'women' } : {}),
      title: { ky: 'Аялдар менен фокус-топ' },
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      territoryId: TERRITORY.akSai,
      organiserOrganisationId: org.id,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async comment(): Promise<string> {
    const issueId = await this.issue();
    const res = await this.as(this.author, 'post', `/issues/${issueId}/comments`, {
      body: 'Our village has the same problem.',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async organisationWithMember(): Promise<{ org: string; member: string }> {
    const org = await makeOrganisation(this.t, this.author);
    const member = await this.user();
    const added = await this.as(this.author, 'post', `/organisations/${org.id}/members`, {
      userId: member.id,
      role: 'member',
    });
    expect(added.status).toBe(201);
    return { org: org.id, member: member.id };
  }

  /** A private room of `author` with one invited guest; staff are not in it. */
  async privateRoom(): Promise<{ id: string; guest: SignedUp }> {
    const guest = await this.user();
    const res = await this.as(this.author, 'post', '/rooms', {
      name: 'Village council',
      kind: 'private',
      memberIds: [guest.id],
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, guest };
  }

  /** `author` writes in the room; returns the message id. */
  async say(roomId: string): Promise<string> {
    const socket = await connect(this.t.baseUrl, this.author.accessToken);
    this.sockets.push(socket);
    const ack = await ask<{ ok: boolean; message: { id: string } }>(socket, 'message:send', {
      roomId,
      clientMsgId: randomUUID(),
      body: 'The canal gate is broken again.',
    });
    expect(ack.ok).toBe(true);
    return ack.message.id;
  }
}

describe('every staff action is audited', () => {
  let t: TestApp;
  let kit: Kit;

  beforeAll(async () => {
    t = await startTestApp();
    kit = new Kit(
      t,
      await signUp(t, { role: 'admin' }),
      await signUp(t, { role: 'facilitator' }),
      await signUp(t),
    );
  });
  afterAll(async () => {
    for (const socket of kit?.sockets ?? []) socket.close();
    await t.close();
  });

  function mutatingRoutes(): string[] {
    return listRoutes(t.app)
      .filter((r) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method))
      .filter(
        (r) =>
          !(
            Reflect.getMetadata(IS_PUBLIC, r.handler) ??
            Reflect.getMetadata(IS_PUBLIC, r.controller)
          ),
      )
      .map((r) => `${r.method} ${r.path}`)
      .sort();
  }

  it("every mutating route is either exercised below or acts only on the caller's own things", () => {
    const routes = mutatingRoutes();
    const unclassified = routes.filter((r) => !(r in AUDITED) && !(r in OWN_ONLY));
    expect(unclassified).toEqual([]);
    const stale = [...Object.keys(AUDITED), ...Object.keys(OWN_ONLY)].filter(
      (r) => !routes.includes(r),
    );
    expect(stale).toEqual([]);
    const both = Object.keys(AUDITED).filter((r) => r in OWN_ONLY);
    expect(both).toEqual([]);
  });

  it.each(Object.keys(AUDITED).sort())(
    "%s as staff on someone else's resource writes an audit entry, listed by GET /audit-log",
    async (route) => {
      const since = new Date();
      const { res, actor, action, targetId } = await AUDITED[route](kit);
      expect({ route, ok: res.status >= 200 && res.status < 300, body: res.body }).toEqual({
        route,
        ok: true,
        body: res.body,
      });

      const log = await t.http
        .get(`${API}/audit-log`)
        .set(kit.facilitator.auth)
        .query({ actorId: actor.id, action, limit: 100 });
      expect(log.status).toBe(200);
      const entries = (log.body.items as { targetId: string; createdAt: string }[]).filter(
        (e) => e.targetId === targetId && Date.parse(e.createdAt) >= since.getTime() - 1000,
      );
      expect({ route, entries: entries.length }).toEqual({ route, entries: 1 });
    },
  );

  it("acts on one's own things are not staff actions: an admin editing an organisation they represent writes nothing", async () => {
    const org = await makeOrganisation(t, kit.admin);
    const res = await kit.as(kit.admin, 'patch', `/organisations/${org.id}`, {
      description: 'Our own words',
    });
    expect(res.status).toBe(200);
    const rows = await t.db.query('SELECT 1 FROM audit_log WHERE target_id = $1', [org.id]);
    expect(rows).toEqual([]);
  });

  it("a refused staff action writes no entry (the entry shares the action's transaction)", async () => {
    const issueId = await kit.issue();
    // raised → resolved is not a move the workflow allows: 409, nothing changes, nothing logged.
    const res = await kit.as(kit.facilitator, 'post', `/issues/${issueId}/transitions`, {
      to: 'resolved',
    });
    expect(res.status).toBe(409);
    const rows = await t.db.query('SELECT 1 FROM audit_log WHERE target_id = $1', [issueId]);
    expect(rows).toEqual([]);
  });

  it('an author moving their own issue writes no entry; the same move by staff does', async () => {
    const count = async (issueId: string) =>
      (
        await t.db.query(
          "SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1 AND action = 'issue.transition'",
          [issueId],
        )
      )[0].n as number;
    const own = await kit.issue();
    const byAuthor = await kit.as(kit.author, 'post', `/issues/${own}/transitions`, {
      to: 'discussing',
    });
    expect(byAuthor.status).toBe(200);
    expect(await count(own)).toBe(0);
    const other = await kit.issue();
    const byStaff = await kit.as(kit.facilitator, 'post', `/issues/${other}/transitions`, {
      to: 'discussing',
    });
    expect(byStaff.status).toBe(200);
    expect(await count(other)).toBe(1);
  });

  it('GET /audit-log pages the staff entries by cursor without gaps or repeats', async () => {
    const all = await t.http
      .get(`${API}/audit-log`)
      .set(kit.admin.auth)
      .query({ actorId: kit.facilitator.id, limit: 100 });
    expect(all.status).toBe(200);
    const expected = (all.body.items as { id: string }[]).map((e) => e.id);
    expect(expected.length).toBeGreaterThan(5);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.http
        .get(`${API}/audit-log`)
        .set(kit.admin.auth)
        .query({ actorId: kit.facilitator.id, limit: 4, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      paged.push(...(page.body.items as { id: string }[]).map((e) => e.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(paged).toEqual(expected);
  });
});
