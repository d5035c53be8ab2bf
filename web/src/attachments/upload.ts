// The files of an outbox item, sent before the item (loaded by the outbox only when an item has
// files). For each file not yet attached: resume or start its tus upload (the URL is written into
// the item at once), then `POST /attachments { uploadId, caption }` with the file's key as the
// Idempotency-Key (a lost answer replays the same attachment), and write the attachment's id into
// the item. A refusal of a file (too large, not a type the hub takes) is written on that file with
// the hub's words and fails the item; the user may remove the file, retry or discard.
import { ApiError, api, apiFetch } from '../api/client.js';
import { HubUnreachable } from '../api/tokens.js';
import { getFile } from './files.js';
import {
  fileProgress,
  filesOf,
  retryable,
  type Outbox,
  type OutboxFile,
  type OutboxItem,
} from '../offline/outbox.js';
import { tusUpload, uploadIdOf, type TusOptions } from './tus.js';
import type { AttachmentView } from './types.js';

export interface UploadDeps {
  fetch?: TusOptions['fetch'];
  origin?: string;
  pause?: TusOptions['pause'];
  chunkBytes?: number;
}

/** What uploadFiles uses when the outbox calls it (tests set `pause` and `chunkBytes`). */
export const uploadDefaults: UploadDeps = {};

function progress(key: string, sent: number): void {
  fileProgress.value = { ...fileProgress.value, [key]: sent };
}

/** Attaches an uploaded file; the file's key makes a repeat answer the same attachment. */
export async function attach(uploadUrl: string, file: OutboxFile): Promise<AttachmentView> {
  const { data, error, response } = await api.POST('/api/v1/attachments', {
    params: { header: { 'Idempotency-Key': file.key } },
    body: {
      uploadId: uploadIdOf(uploadUrl),
      ...(file.caption?.trim() ? { caption: file.caption.trim() } : {}),
    },
  });
  // The hub is still working on this key (the first attempt's answer was lost): later.
  if (response.status === 409 && response.headers.has('retry-after')) throw new HubUnreachable(409);
  if (!response.ok || !data) throw new ApiError(response.status, error ?? {});
  return data;
}

/** Uploads and attaches the item's files that are not attached yet; answers the item as kept. */
export async function uploadFiles(
  box: Outbox,
  item: OutboxItem,
  deps: UploadDeps = uploadDefaults,
): Promise<OutboxItem> {
  const current = () => box.items.value.find((i) => i.id === item.id) ?? item;
  for (const { key } of filesOf(item.payload)) {
    // Read it again each time: what is known of it is written as it happens.
    const file = filesOf(current().payload).find((f) => f.key === key);
    if (!file || file.attachmentId) continue;
    try {
      const blob = await getFile(box.userId, key);
      if (!blob) throw new ApiError(400, { code: 'not_found' });
      let url = file.uploadUrl;
      // Twice at most: an upload the hub forgot between its last byte and the attach is redone.
      for (let round = 0; ; round++) {
        url = await tusUpload(blob, { name: file.name, type: file.type }, url, {
          fetch: deps.fetch ?? apiFetch,
          origin: deps.origin,
          pause: deps.pause,
          chunkBytes: deps.chunkBytes,
          onUrl: (made) => box.patchFile(item.id, key, { uploadUrl: made }),
          onProgress: (sent) => progress(key, sent),
        });
        try {
          const made = await attach(url, file);
          await box.patchFile(item.id, key, { attachmentId: made.id });
          break;
        } catch (error) {
          if (round > 0 || !(error instanceof ApiError) || error.code !== 'not_found') throw error;
          url = undefined;
          await box.patchFile(item.id, key, { uploadUrl: undefined });
        }
      }
    } catch (error) {
      if (!retryable(error)) {
        const problem = error instanceof ApiError ? error.problem : {};
        const field = problem.errors?.[0]?.message;
        await box.patchFile(item.id, key, {
          error: error instanceof ApiError ? error.code : 'internal',
          detail: field ?? problem.detail,
        });
      }
      throw error;
    }
  }
  return current();
}
