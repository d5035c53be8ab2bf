// A failed call in words the reader understands: the hub's problem `code` mapped to a message in
// their language; an unreachable hub says so (it is not a sign-out).
import { ApiError } from '../api/client.js';
import { HubUnreachable } from '../api/tokens.js';
import { has, t, type MessageKey } from '../i18n/index.js';

export function problemText(error: unknown): string {
  if (error instanceof HubUnreachable) return t('problem.network');
  if (error instanceof ApiError) {
    const key = `problem.${error.code}`;
    return has(key) ? t(key as MessageKey) : t('problem.internal');
  }
  return t('problem.internal');
}

/** The hub's message for each field it refused (already in the reader's language). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const e of error.problem.errors ?? []) out[e.field] ??= e.message;
  }
  return out;
}
