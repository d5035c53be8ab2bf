// The bytes of the files an outbox item carries, in the per-user database's `files` store (see
// offline/db.ts), until they are attached at the hub. Here rather than in db.ts: only the
// attachment code (a later chunk) writes and reads them; the outbox only drops them.
import { done, tx, userDb } from '../offline/db.js';

/** A file's bytes kept until it is attached at the hub (`key` is the outbox file's key). */
export interface StoredFile {
  key: string;
  blob: Blob;
}

/** Keeps files' bytes, all in one transaction (all or none). */
export async function putFiles(userId: string, files: StoredFile[]): Promise<void> {
  if (!files.length) return;
  const db = await userDb(userId);
  const t = db.transaction('files', 'readwrite');
  const s = t.objectStore('files');
  for (const f of files) s.put({ key: f.key, blob: f.blob });
  await done(t);
}

export async function getFile(userId: string, key: string): Promise<Blob | undefined> {
  const row = await tx(
    userId,
    'files',
    'readonly',
    (s) => s.get(key) as IDBRequest<StoredFile | undefined>,
  );
  return row?.blob;
}
