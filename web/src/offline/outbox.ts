// The outbox: nothing typed is lost. Chat messages, comments, new issues and endorsements are
// first written to IndexedDB (per user) with an id made once (the message's clientMsgId or the
// request's Idempotency-Key), then sent in the order they were made, one at a time. When the hub
// cannot be reached the item stays `pending` and the outbox tries again later (backoff, the
// `online` event, or `flush()` after a reconnect); the hub drops repeats by that id, so a retry
// never doubles anything. A refusal that will not change on retry (a 4xx other than 408/429)
// marks the item `failed` with the problem's code; the user may retry or discard it.
//
// API:
//   const box = outbox();                  // session.ts: the signed-in user's outbox (or null)
//   box.register(kind, sender)             // how items of a kind are sent (see Sender)
//   await box.add(kind, scope, payload, id?) // keeps, then sends soon; answers the item
//   box.items.value                        // every item not yet sent, for the UI (a signal)
//   box.forScope(scope)                    // the items of one room / issue, in order
//   box.onSent((item, result) => ...)      // after an item went out
//   await box.flush(); box.retry(id); box.discard(id)
//   await box.acknowledge(ids)             // the hub has these already (reconcile): forget them
//   requestSender: kind 'request', payload { method, path, body } → fetch with Idempotency-Key
//
// Files (issue 11): an item's payload may carry `files` (OutboxFile), whose bytes wait in the
// `files` store. Before its sender runs, each file is uploaded (tus, resumed from where it
// stopped) and attached (POST /attachments with the file's key as Idempotency-Key); the upload's
// URL and the attachment's id are written into the item as soon as they are known, so a reload
// resumes instead of starting over and never attaches twice. The item then goes out with
// `attachmentIds`. That code (web/src/attachments/upload.ts) loads only when an item has files.
import { signal } from '@preact/signals';
import { dropFiles, tx, wipeUser } from './db.js';
import { ApiError, apiFetch } from '../api/client.js';
import { HubUnreachable } from '../api/tokens.js';

export type OutboxState = 'pending' | 'sending' | 'failed';

export interface OutboxItem<P = unknown> {
  /** clientMsgId or Idempotency-Key, made once when the item was written. */
  id: string;
  /** Creation order. */
  seq: number;
  kind: string;
  /** What the item belongs to, e.g. `room:<id>` or `issue:<id>`, so screens show their own. */
  scope: string;
  payload: P;
  state: OutboxState;
  attempts: number;
  /** The problem code of a refusal, when `failed`. */
  error?: string;
  /** The refusal's field errors (`answers.water_source`, …), in the hub's words, when `failed`. */
  fieldErrors?: Array<{ field: string; message: string }>;
  /** The refusal's own words (the problem's `detail`, in the reader's language), when `failed`. */
  detail?: string;
  createdAt: number;
}

/** A file an item carries; its bytes are in the `files` store under `key` until it is attached. */
export interface OutboxFile {
  /** Made once; the Idempotency-Key of its `POST /attachments`. */
  key: string;
  name: string;
  type: string;
  size: number;
  caption?: string;
  /** The tus upload's URL, once created: a reload resumes it. */
  uploadUrl?: string;
  /** Once attached: the item is sent with it, the upload is never attached again. */
  attachmentId?: string;
  /** A refusal of this file (problem code) and the hub's words for it. */
  error?: string;
  detail?: string;
}

/** The files an item's payload carries (none for most). */
export function filesOf(payload: unknown): OutboxFile[] {
  const files = (payload as { files?: OutboxFile[] } | null)?.files;
  return Array.isArray(files) ? files : [];
}

/** The attachment ids to send with an item, or undefined when it carries no files. */
export function attachmentIdsOf(payload: unknown): string[] | undefined {
  const files = filesOf(payload);
  if (!files.length) return undefined;
  return files.map((f) => f.attachmentId).filter((id): id is string => !!id);
}

/** Bytes of each file (by key) sent so far in this tab, for progress bars. */
export const fileProgress = signal<Readonly<Record<string, number>>>({});

/** Sends one item; answers the hub's result. Throw HubUnreachable (or any network error) to retry later, ApiError to refuse. */
export type Sender = (item: OutboxItem) => Promise<unknown>;

export interface OutboxOptions {
  /** Backoff before retrying after the hub was unreachable: attempt → ms. */
  backoff?: (attempt: number) => number;
  locks?: Pick<LockManager, 'request'>;
  now?: () => number;
}

/** Whether a refusal may succeed later (then the item stays pending). */
export function retryable(error: unknown): boolean {
  if (error instanceof ApiError)
    return error.status >= 500 || error.status === 408 || error.status === 429;
  return true; // network failures, HubUnreachable, timeouts
}

export class Outbox {
  readonly items = signal<OutboxItem[]>([]);
  private readonly senders = new Map<string, Sender>();
  private readonly sentListeners = new Set<(item: OutboxItem, result: unknown) => void>();
  private flushing?: Promise<void>;
  /** The run asked for while one was under way (that one may have read the items already). */
  private queued?: Promise<void>;
  private timer?: ReturnType<typeof setTimeout>;
  private closed = false;
  private lastSeq = 0;
  private readonly loaded: Promise<void>;

  constructor(
    readonly userId: string,
    private readonly options: OutboxOptions = {},
  ) {
    this.loaded = this.load();
  }

  register(kind: string, sender: Sender): void {
    this.senders.set(kind, sender);
    this.schedule(0);
  }

  onSent(listener: (item: OutboxItem, result: unknown) => void): () => void {
    this.sentListeners.add(listener);
    return () => this.sentListeners.delete(listener);
  }

  forScope(scope: string): OutboxItem[] {
    return this.items.value.filter((i) => i.scope === scope);
  }

  async add<P>(
    kind: string,
    scope: string,
    payload: P,
    id: string = crypto.randomUUID(),
  ): Promise<OutboxItem<P>> {
    await this.loaded;
    const now = (this.options.now ?? Date.now)();
    const seq = Math.max(now, this.lastSeq + 1);
    this.lastSeq = seq;
    const item: OutboxItem<P> = {
      id,
      seq,
      kind,
      scope,
      payload,
      state: 'pending',
      attempts: 0,
      createdAt: now,
    };
    await this.put(item);
    this.schedule(0);
    return item;
  }

  async retry(id: string): Promise<void> {
    const item = this.items.value.find((i) => i.id === id);
    if (!item) return;
    await this.put({
      ...item,
      payload: withFiles(item.payload, (f) => ({ ...f, error: undefined, detail: undefined })),
      state: 'pending',
      error: undefined,
      fieldErrors: undefined,
      detail: undefined,
    });
    this.schedule(0);
  }

  async discard(id: string): Promise<void> {
    if (this.closed) return;
    const item = this.items.value.find((i) => i.id === id);
    await tx(this.userId, 'outbox', 'readwrite', (s) => s.delete(id));
    this.items.value = this.items.value.filter((i) => i.id !== id);
    await this.forget(filesOf(item?.payload).map((f) => f.key));
  }

  /**
   * Forgets items the hub says it already has (a reconcile's `received`: survey submissions whose
   * answer was lost): they are not sent again, and `onSent` listeners hear of them with a null
   * result. Ids not in the outbox are ignored.
   */
  async acknowledge(ids: readonly string[]): Promise<OutboxItem[]> {
    await this.loaded;
    const had = this.items.value.filter((i) => ids.includes(i.id));
    for (const item of had) {
      await this.discard(item.id);
      for (const l of this.sentListeners) {
        try {
          l(item, null);
        } catch (e) {
          console.error(e);
        }
      }
    }
    return had;
  }

  /** Records what is known of one file of an item (its upload URL, attachment id, refusal). */
  async patchFile(id: string, key: string, patch: Partial<OutboxFile>): Promise<void> {
    const item = this.items.value.find((i) => i.id === id);
    if (!item) return;
    await this.put({
      ...item,
      payload: withFiles(item.payload, (f) => (f.key === key ? { ...f, ...patch } : f)),
    });
  }

  /** Takes one file out of a waiting or failed item (e.g. the one the hub refused). */
  async removeFile(id: string, key: string): Promise<void> {
    const item = this.items.value.find((i) => i.id === id);
    if (!item || item.state === 'sending') return;
    const files = filesOf(item.payload).filter((f) => f.key !== key);
    await this.put({ ...item, payload: { ...(item.payload as object), files } });
    await this.forget([key]);
  }

  private async forget(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await dropFiles(this.userId, keys).catch(() => undefined);
    const progress = { ...fileProgress.value };
    for (const k of keys) delete progress[k];
    fileProgress.value = progress;
  }

  /**
   * Sends every pending item in order; stops at the first the hub could not take. Resolves when
   * every item pending at the call has been tried: while a run is under way (it may have read
   * the items before the caller's), one more run is queued after it.
   */
  flush(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.flushing) {
      this.flushing = this.lockedRun().finally(() => {
        this.flushing = undefined;
      });
      return this.flushing;
    }
    this.queued ??= this.flushing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.flush();
      });
    return this.queued;
  }

  /** Stops sending (sign-out); the data stays until wiped. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private lockedRun(): Promise<void> {
    const locks = this.options.locks;
    const run = () => this.run();
    return locks ? locks.request(`kenesh.outbox.${this.userId}`, run).then(() => undefined) : run();
  }

  private async run(): Promise<void> {
    await this.loaded;
    // Another tab may have sent items meanwhile: start from what is stored.
    await this.load();
    for (const { id } of [...this.items.value]) {
      if (this.closed) return;
      // Read it again: it may have been discarded or retried while an earlier one was sent.
      const item = this.items.value.find((i) => i.id === id);
      if (!item || item.state === 'failed') continue;
      const sender = this.senders.get(item.kind);
      if (!sender) continue;
      const sending: OutboxItem = { ...item, state: 'sending', attempts: item.attempts + 1 };
      await this.put(sending);
      let result: unknown;
      try {
        let ready = sending;
        if (filesOf(sending.payload).some((f) => !f.attachmentId)) {
          // Files first, each resumed where it stopped; the item then carries their ids.
          const { uploadFiles } = await import('../attachments/upload.js');
          ready = await uploadFiles(this, sending);
        }
        result = await sender(ready);
      } catch (error) {
        if (this.closed) return; // signed out meanwhile: its data is being wiped
        // Read it again: the file uploads may have written into it meanwhile.
        const now = this.items.value.find((i) => i.id === id);
        if (!now) continue; // discarded meanwhile
        if (retryable(error)) {
          await this.put({ ...now, state: 'pending' });
          this.schedule(this.backoff(sending.attempts));
          return; // keep the order: nothing after it goes before it
        }
        const code = error instanceof ApiError ? error.code : 'internal';
        const fieldErrors = error instanceof ApiError ? error.problem.errors : undefined;
        const detail = error instanceof ApiError ? error.problem.detail : undefined;
        await this.put({
          ...now,
          state: 'failed',
          error: code,
          ...(fieldErrors?.length ? { fieldErrors } : {}),
          ...(detail ? { detail } : {}),
        });
        continue;
      }
      await this.discard(id);
      // Outside the try: a listener's failure must not make a sent item look unsent.
      for (const l of this.sentListeners) {
        try {
          l(sending, result);
        } catch (e) {
          console.error(e);
        }
      }
    }
  }

  private backoff(attempt: number): number {
    if (this.options.backoff) return this.options.backoff(attempt);
    return Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5)) * (0.75 + Math.random() / 2);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.flush().catch((e: unknown) => console.error(e));
    }, ms);
  }

  private async load(): Promise<void> {
    if (this.closed) return;
    const all = await tx(
      this.userId,
      'outbox',
      'readonly',
      (s) => s.getAll() as IDBRequest<OutboxItem[]>,
    );
    // Loaded before a run sends anything (under the lock when there are Web Locks), so an item
    // still `sending` was left by a closed tab: pending again (its id keeps a resend single).
    const items = all
      .map((i) => (i.state === 'sending' ? { ...i, state: 'pending' as const } : i))
      .sort((a, b) => a.seq - b.seq || a.id.localeCompare(b.id));
    this.lastSeq = Math.max(this.lastSeq, ...items.map((i) => i.seq), 0);
    this.items.value = items;
  }

  private async put(item: OutboxItem): Promise<void> {
    // Closed at sign-out: writing would create the user's database again after the wipe.
    if (this.closed) return;
    await tx(this.userId, 'outbox', 'readwrite', (s) => s.put(item));
    const rest = this.items.value.filter((i) => i.id !== item.id);
    this.items.value = [...rest, item].sort((a, b) => a.seq - b.seq || a.id.localeCompare(b.id));
  }
}

function withFiles(payload: unknown, map: (f: OutboxFile) => OutboxFile): unknown {
  const files = filesOf(payload);
  return files.length ? { ...(payload as object), files: files.map(map) } : payload;
}

export interface RequestPayload {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the hub, e.g. `/api/v1/issues/<id>/comments`. */
  path: string;
  body?: unknown;
  /** Files to attach: uploaded first, then sent as the body's `attachmentIds`. */
  files?: OutboxFile[];
}

/** Sends a `request` item with its id as the Idempotency-Key; answers the JSON body (or null). */
export const requestSender: Sender = async (item) => {
  const request = item.payload as RequestPayload;
  const attachmentIds = attachmentIdsOf(request);
  const p = attachmentIds
    ? { ...request, body: { ...(request.body as object), attachmentIds } }
    : request;
  const headers: Record<string, string> = {
    'idempotency-key': item.id,
    accept: 'application/json',
  };
  if (p.body !== undefined) headers['content-type'] = 'application/json';
  const res = await apiFetch(
    new Request(new URL(p.path, location.origin), {
      method: p.method,
      headers,
      body: p.body === undefined ? undefined : JSON.stringify(p.body),
    }),
  );
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): still a refusal or an answer by its status.
  }
  // The hub is still working on a request with this key (the first attempt, whose answer was
  // lost): not a refusal, the answer comes with a later retry.
  if (res.status === 409 && res.headers.has('retry-after')) throw new KeyInProgress();
  if (!res.ok) throw new ApiError(res.status, json ?? {});
  return json;
};

/** 409 with Retry-After: the hub still processes this Idempotency-Key; retried like a network failure. */
export class KeyInProgress extends Error {
  constructor() {
    super('idempotency key in progress');
  }
}

let current: Outbox | null = null;

/** The signed-in user's outbox, made on first use; null when nobody is signed in. */
export function outboxFor(userId: string | undefined): Outbox | null {
  if (!userId) return null;
  if (current?.userId !== userId) {
    current?.close();
    current = new Outbox(userId, {
      locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    });
    current.register('request', requestSender);
  }
  return current;
}

/** Stops the outbox and deletes the user's data on the phone (called at sign-out). */
export async function wipeOutbox(userId: string): Promise<void> {
  if (current?.userId === userId) {
    current.close();
    current = null;
  }
  await wipeUser(userId);
}

export { HubUnreachable };
