// Writes an item with files to the outbox: the files' bytes first (IndexedDB, `files`), then the
// item naming them, so an item never names bytes that were not kept.
import { newId } from '../api/client.js';
import { putFiles } from './files.js';
import type { OutboxFile, OutboxItem } from '../offline/outbox.js';
import { outbox } from '../session.js';

/** A file picked (or recorded) and not yet handed to the outbox. */
export interface Picked {
  key: string;
  blob: Blob;
  name: string;
  type: string;
  size: number;
  caption: string;
  /** An object URL to preview a photo (revoke it when done). */
  preview?: string;
}

export function picked(blob: Blob, name: string): Picked {
  return {
    key: newId(),
    blob,
    name,
    type: blob.type,
    size: blob.size,
    caption: '',
    preview: blob.type.startsWith('image/') ? URL.createObjectURL(blob) : undefined,
  };
}

export function release(files: Picked[]): void {
  for (const f of files) if (f.preview) URL.revokeObjectURL(f.preview);
}

/** Keeps the files and then the item (kind, scope as Outbox.add); answers the item. */
export async function queueWithFiles<P extends object>(
  kind: string,
  scope: string,
  payload: P,
  files: Picked[],
  id: string = newId(),
): Promise<OutboxItem | null> {
  const box = outbox();
  if (!box) return null;
  await putFiles(
    box.userId,
    files.map((f) => ({ key: f.key, blob: f.blob })),
  );
  const refs: OutboxFile[] = files.map((f) => ({
    key: f.key,
    name: f.name,
    type: f.type,
    size: f.size,
    ...(f.caption.trim() ? { caption: f.caption.trim() } : {}),
  }));
  return box.add(kind, scope, refs.length ? { ...payload, files: refs } : payload, id);
}
