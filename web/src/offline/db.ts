// The phone's data, one IndexedDB database per user (`kenesh-<userId>`), wiped at sign-out:
// `outbox` (what waits to be sent), `drafts` (text being typed), `cache` (lists to show offline),
// `files` (the bytes of files an outbox item carries, until they are attached at the hub).
// API answers never go to the HTTP cache; what is kept offline is kept here, per user.

export const DB_PREFIX = 'kenesh-';
// 1: outbox, drafts, cache (issue 10). 2: files (issue 11); outbox items of version 1 carry no
// files and stay as they are.
const VERSION = 2;
export type StoreName = 'outbox' | 'drafts' | 'cache' | 'files';

const open = new Map<string, Promise<IDBDatabase>>();

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB request failed'));
  });
}

export function userDb(userId: string): Promise<IDBDatabase> {
  const name = DB_PREFIX + userId;
  let db = open.get(name);
  if (!db) {
    const req = indexedDB.open(name, VERSION);
    req.onupgradeneeded = () => {
      const d = req.result;
      if (!d.objectStoreNames.contains('outbox')) d.createObjectStore('outbox', { keyPath: 'id' });
      if (!d.objectStoreNames.contains('drafts')) d.createObjectStore('drafts', { keyPath: 'key' });
      if (!d.objectStoreNames.contains('cache')) d.createObjectStore('cache', { keyPath: 'key' });
      if (!d.objectStoreNames.contains('files')) d.createObjectStore('files', { keyPath: 'key' });
    };
    const opening = request(req);
    // A closed connection is forgotten, so the next use opens the database again: another tab
    // deleting it at sign-out (`versionchange`), or the browser closing it (storage cleared).
    const forget = () => {
      if (open.get(name) === opening) open.delete(name);
    };
    opening.then((d) => {
      d.onversionchange = () => {
        d.close();
        forget();
      };
      d.onclose = forget;
    }, forget);
    open.set(name, opening);
    db = opening;
  }
  return db;
}

/** Runs one request in a transaction on `store` and resolves when the transaction commits. */
export async function tx<T>(
  userId: string,
  store: StoreName,
  mode: IDBTransactionMode,
  work: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await userDb(userId);
  const t = db.transaction(store, mode);
  const req = work(t.objectStore(store));
  // One promise for the request and its transaction: a refused request rejects with its own
  // error (ConstraintError, QuotaExceededError) and leaves no second rejection unhandled.
  return new Promise<T>((resolve, reject) => {
    const failed = () => reject(req.error ?? t.error ?? new Error('indexedDB transaction failed'));
    t.oncomplete = () => resolve(req.result);
    t.onerror = failed;
    t.onabort = failed;
  });
}

/** Deletes everything this user kept on the phone. */
export async function wipeUser(userId: string): Promise<void> {
  const name = DB_PREFIX + userId;
  const db = open.get(name);
  open.delete(name);
  if (db) (await db.catch(() => undefined))?.close();
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error('indexedDB delete failed'));
    req.onblocked = () => resolve();
  });
}

/** A draft: text kept as it is typed, under a key such as `issue:new` or `comment:<issueId>`. */
export async function saveDraft(userId: string, key: string, value: unknown): Promise<void> {
  await tx(userId, 'drafts', 'readwrite', (s) => s.put({ key, value, savedAt: Date.now() }));
}

export async function loadDraft<T>(userId: string, key: string): Promise<T | undefined> {
  const row = await tx(
    userId,
    'drafts',
    'readonly',
    (s) => s.get(key) as IDBRequest<{ value: T } | undefined>,
  );
  return row?.value;
}

export async function dropDraft(userId: string, key: string): Promise<void> {
  await tx(userId, 'drafts', 'readwrite', (s) => s.delete(key));
}

/** A list kept to show offline (for example the first page of the issue register). */
export async function cachePut(userId: string, key: string, value: unknown): Promise<void> {
  await tx(userId, 'cache', 'readwrite', (s) => s.put({ key, value, savedAt: Date.now() }));
}

export async function cacheGet<T>(userId: string, key: string): Promise<T | undefined> {
  const row = await tx(
    userId,
    'cache',
    'readonly',
    (s) => s.get(key) as IDBRequest<{ value: T } | undefined>,
  );
  return row?.value;
}

/** Forgets files' bytes (sent, removed, or their item discarded). */
export async function dropFiles(userId: string, keys: string[]): Promise<void> {
  if (!keys.length) return;
  const db = await userDb(userId);
  const t = db.transaction('files', 'readwrite');
  const s = t.objectStore('files');
  for (const key of keys) s.delete(key);
  await done(t);
}

/** Resolves when a transaction of several requests commits. */
export function done(t: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error ?? new Error('indexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('indexedDB transaction aborted'));
  });
}
