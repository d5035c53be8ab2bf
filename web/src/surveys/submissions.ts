// Survey submissions through the outbox: the phone makes the submission's id
// (crypto.randomUUID) when the form is finished, the item is written to IndexedDB at once, and
// it goes out as `PUT …/submissions/:id` whenever the hub can be reached (a replay is answered
// 200 and stores nothing, so a retry never doubles a form). It shows as "waiting to send" until
// then. After a reconnect `reconcile` asks the hub which of the phone's ids it already has (an
// answer lost on the way) and forgets those without sending them again.
import { hubState } from '../api/client.js';
import { Outbox, requestSender, type OutboxItem, type RequestPayload } from '../offline/outbox.js';
import { reconcileSubmissions, submissionPath, type SubmissionBody } from './api.js';

export const surveyScope = (surveyId: string) => `survey:${surveyId}`;
export const publicScope = (token: string) => `public-survey:${token}`;

export type Target = { surveyId: string } | { token: string };

/** Keeps the submission in the outbox under `id` (made once, by the phone) and sends it soon. */
export async function queueSubmission(
  box: Outbox,
  target: Target,
  body: SubmissionBody,
  id: string = crypto.randomUUID(),
): Promise<OutboxItem<RequestPayload>> {
  const scope = 'token' in target ? publicScope(target.token) : surveyScope(target.surveyId);
  return box.add<RequestPayload>(
    'request',
    scope,
    { method: 'PUT', path: submissionPath(target, id), body },
    id,
  );
}

/**
 * Sends what waits and answers the item's fate after at most `waitMs`: `stored` (the hub has
 * it), `failed` (refused: its field errors are on the item) or `waiting` (still on the phone).
 */
export async function settle(
  box: Outbox,
  id: string,
  waitMs = 4000,
): Promise<{ state: 'stored' | 'failed' | 'waiting'; item?: OutboxItem }> {
  await Promise.race([box.flush(), new Promise((r) => setTimeout(r, waitMs))]);
  const item = box.items.value.find((i) => i.id === id);
  if (!item) return { state: 'stored' };
  return { state: item.state === 'failed' ? 'failed' : 'waiting', item };
}

/**
 * Asks the hub which of this survey's waiting submissions it has, forgets those, then sends the
 * rest. Answers how many the hub already had. Quiet when the hub cannot be reached.
 */
export async function reconcile(box: Outbox, surveyId: string): Promise<number> {
  const ids = box.forScope(surveyScope(surveyId)).map((i) => i.id);
  if (!ids.length) return 0;
  let received: string[] = [];
  try {
    ({ received } = await reconcileSubmissions(surveyId, ids));
  } catch {
    return 0;
  }
  await box.acknowledge(received);
  void box.flush().catch(() => undefined);
  return received.length;
}

/** Reconciles now and every time the hub answers again; answers the unsubscribe. */
export function reconcileOnReconnect(box: Outbox, surveyId: string): () => void {
  let last = hubState.peek();
  void reconcile(box, surveyId);
  const off = hubState.subscribe((state) => {
    if (state === 'online' && last !== 'online') void reconcile(box, surveyId);
    last = state;
  });
  const online = () => void reconcile(box, surveyId);
  window.addEventListener('online', online);
  return () => {
    off();
    window.removeEventListener('online', online);
  };
}

/** The phone's database for public-link forms (no account): `kenesh-public-surveys`. */
export const PUBLIC_DB = 'public-surveys';

let anonymous: Outbox | null = null;

/**
 * The outbox of a public-link form, for a resident without an account: its own database on the
 * phone (`kenesh-public-surveys`), the same sending rules.
 */
export function publicOutbox(): Outbox {
  if (!anonymous) {
    anonymous = new Outbox(PUBLIC_DB, {
      locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    });
    anonymous.register('request', requestSender);
  }
  return anonymous;
}
