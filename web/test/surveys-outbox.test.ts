// Survey submissions through the outbox (issue 12): each keeps the id the phone made, waits while
// the hub cannot be reached, is stored once however often it is replayed (the hub answers a
// replay 200), and a reconcile forgets those the hub already has without sending them again.
// A refusal keeps the hub's field errors for the form.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../src/api/client.js';
import { Outbox, requestSender, type OutboxItem } from '../src/offline/outbox.js';
import type { SubmissionBody } from '../src/surveys/api.js';
import { queueSubmission, reconcile, settle, surveyScope } from '../src/surveys/submissions.js';

const SURVEY = '5b7e0a52-6c1d-4f3e-9a57-0c2d6e1f0a11';
const VILLAGE = '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0103';
let users = 0;
const boxes: Outbox[] = [];

function box(): Outbox {
  const b = new Outbox(`survey-user-${++users}-${crypto.randomUUID().slice(0, 8)}`, {
    backoff: () => 60_000,
  });
  b.register('request', requestSender);
  boxes.push(b);
  return b;
}

const form = (water: string, gender: 'female' | 'male' = 'female'): SubmissionBody => ({
  version: 1,
  mode: 'paper',
  respondent: { gender, ageBand: '30-44', territoryId: VILLAGE },
  answers: { water_source: water },
  collectedOn: '2026-11-28',
});

/**
 * The hub as the contract says: PUT …/submissions/:id stores once (201), a replay with the same
 * content is 200, other content 409; reconcile answers received/missing. It can be down, or lose
 * its answer after storing (the phone never hears back).
 */
function fakeHub() {
  const hub = {
    rows: new Map<string, string>(),
    puts: [] as Array<{ id: string; status: number; key: string | null }>,
    reconciles: [] as string[][],
    down: false,
    loseAnswerOnce: new Set<string>(),
    refuseWith: null as null | { status: number; body: unknown },
  };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      if (hub.down) throw new TypeError('Failed to fetch');
      const url = new URL(req.url);
      const put = /^\/api\/v1\/surveys\/([^/]+)\/submissions\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'PUT' && put) {
        const id = put[2] ?? '';
        const content = await req.text();
        if (hub.refuseWith) {
          hub.puts.push({
            id,
            status: hub.refuseWith.status,
            key: req.headers.get('idempotency-key'),
          });
          return json(hub.refuseWith.status, hub.refuseWith.body);
        }
        const had = hub.rows.get(id);
        const status = had === undefined ? 201 : had === content ? 200 : 409;
        if (had === undefined) hub.rows.set(id, content);
        hub.puts.push({ id, status, key: req.headers.get('idempotency-key') });
        if (hub.loseAnswerOnce.delete(id)) throw new TypeError('connection reset');
        return status === 409
          ? json(409, {
              status: 409,
              code: 'conflict',
              title: 'Conflict',
              detail: 'Бул анкета башка жооптор менен сакталган.',
            })
          : json(status, { id, surveyId: put[1] });
      }
      if (req.method === 'POST' && url.pathname.endsWith('/submissions/reconcile')) {
        const { ids } = (await req.json()) as { ids: string[] };
        hub.reconciles.push(ids);
        return json(200, {
          received: ids.filter((i) => hub.rows.has(i)),
          missing: ids.filter((i) => !hub.rows.has(i)),
        });
      }
      return json(404, { status: 404, code: 'not_found' });
    }),
  );
  return hub;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  tokens.store({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 }, 'u1');
});

afterEach(async () => {
  for (const b of boxes.splice(0)) b.close();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await new Promise((r) => setImmediate(r));
});

describe('survey submissions in the outbox', () => {
  it('three paper forms typed offline wait on the phone, then go out once each under their own ids', async () => {
    const hub = fakeHub();
    hub.down = true;
    const b = box();
    const items: OutboxItem[] = [];
    for (const water of ['canal', 'well', 'tap'])
      items.push(await queueSubmission(b, { surveyId: SURVEY }, form(water)));
    await b.flush();
    expect(b.forScope(surveyScope(SURVEY)).map((i) => [i.id, i.state])).toEqual(
      items.map((i) => [i.id, 'pending']),
    );
    expect(hub.rows.size).toBe(0);

    hub.down = false;
    await b.flush();
    expect(b.forScope(surveyScope(SURVEY))).toEqual([]);
    expect([...hub.rows.keys()].sort()).toEqual(items.map((i) => i.id).sort());
    expect(hub.puts.map((p) => p.status)).toEqual([201, 201, 201]);
    // The submission's id is the item's id: the same on every retry, and its Idempotency-Key.
    expect(hub.puts.every((p) => p.key === p.id)).toBe(true);
  });

  it('a form whose answer was lost is sent again, answered 200, and stored once', async () => {
    const hub = fakeHub();
    const b = box();
    const item = await queueSubmission(
      b,
      { surveyId: SURVEY },
      form('canal'),
      'f1b9c8a4-0d1e-4b8e-9c55-8f8f7f6e5d41',
    );
    hub.loseAnswerOnce.add(item.id);
    await b.flush();
    expect(b.items.value.map((i) => i.state)).toEqual(['pending']);
    await b.flush();
    expect(hub.puts.map((p) => [p.id, p.status])).toEqual([
      [item.id, 201],
      [item.id, 200],
    ]);
    expect(hub.rows.size).toBe(1);
    expect(b.items.value).toEqual([]);
  });

  it('reconcile forgets the forms the hub already has without sending them, then sends the rest', async () => {
    const hub = fakeHub();
    const b = box();
    const heard: Array<[string, unknown]> = [];
    b.onSent((item, result) => heard.push([item.id, result]));
    const first = await queueSubmission(b, { surveyId: SURVEY }, form('canal'));
    hub.loseAnswerOnce.add(first.id);
    await b.flush(); // stored at the hub, but the phone never heard
    hub.down = true;
    const second = await queueSubmission(b, { surveyId: SURVEY }, form('well'));
    await b.flush();
    expect(b.forScope(surveyScope(SURVEY)).map((i) => i.id)).toEqual([first.id, second.id]);

    hub.down = false;
    const putsBefore = hub.puts.length;
    const had = await reconcile(b, SURVEY);
    expect(had).toBe(1);
    expect(hub.reconciles).toEqual([[first.id, second.id]]);
    expect(heard).toContainEqual([first.id, null]);
    await b.flush();
    // Only the second went out after the reconcile; the first was never sent again.
    expect(hub.puts.slice(putsBefore).map((p) => p.id)).toEqual([second.id]);
    expect(b.items.value).toEqual([]);
    expect(hub.rows.size).toBe(2);
  });

  it('reconcile says nothing and keeps every form while the hub cannot be reached', async () => {
    const hub = fakeHub();
    hub.down = true;
    const b = box();
    await queueSubmission(b, { surveyId: SURVEY }, form('canal'));
    expect(await reconcile(b, SURVEY)).toBe(0);
    expect(b.items.value).toHaveLength(1);
  });

  it('the same id with other content is refused as a conflict and kept for the user to see', async () => {
    const hub = fakeHub();
    const b = box();
    const id = '9d2f1c3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
    hub.rows.set(id, JSON.stringify(form('tap', 'male')));
    await queueSubmission(b, { surveyId: SURVEY }, form('canal'), id);
    await b.flush();
    expect(b.items.value.map((i) => [i.id, i.state, i.error, i.detail])).toEqual([
      [id, 'failed', 'conflict', 'Бул анкета башка жооптор менен сакталган.'],
    ]);
  });

  it('a refusal keeps the hub’s field errors on the item, and a retry clears them', async () => {
    const hub = fakeHub();
    hub.refuseWith = {
      status: 400,
      body: {
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'answers.water_source', message: 'Берилген жооптордун бирин тандаңыз.' }],
      },
    };
    const b = box();
    const item = await queueSubmission(b, { surveyId: SURVEY }, form('lake'));
    const fate = await settle(b, item.id);
    expect(fate.state).toBe('failed');
    expect(fate.item?.fieldErrors).toEqual([
      { field: 'answers.water_source', message: 'Берилген жооптордун бирин тандаңыз.' },
    ]);
    hub.refuseWith = null;
    await b.retry(item.id);
    expect(b.items.value[0]?.fieldErrors).toBeUndefined();
    expect((await settle(b, item.id)).state).toBe('stored');
  });

  it('settle tells a stored form from one still waiting on the phone', async () => {
    const hub = fakeHub();
    const b = box();
    const sent = await queueSubmission(b, { surveyId: SURVEY }, form('canal'));
    expect(await settle(b, sent.id)).toEqual({ state: 'stored' });
    hub.down = true;
    const kept = await queueSubmission(b, { surveyId: SURVEY }, form('well'));
    const fate = await settle(b, kept.id);
    expect(fate.state).toBe('waiting');
    expect(fate.item?.id).toBe(kept.id);
  });

  it('a public link’s form goes to the public route under the token', async () => {
    const requests: Request[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        requests.push(req);
        return Promise.resolve(new Response('{}', { status: 201 }));
      }),
    );
    const b = box();
    const item = await queueSubmission(
      b,
      { token: 'tok-123' },
      { ...form('canal'), mode: 'online' },
    );
    await b.flush();
    expect(requests.map((r) => [r.method, new URL(r.url).pathname])).toEqual([
      ['PUT', `/api/v1/public/surveys/tok-123/submissions/${item.id}`],
    ]);
  });
});
