// How the chat's outbox sender treats the hub's answers: a refusal that will not change fails the
// message (the person may retry or discard it); no socket, no ack, rate_limited and unavailable
// keep it pending for the next attempt.
import { describe, expect, it } from 'vitest';
import { retryable } from '../src/offline/outbox.js';
import type { OutboxItem } from '../src/offline/outbox.js';
import {
  RealtimeUnavailable,
  messageSender,
  refusalError,
  refused,
} from '../src/realtime/socket.js';

function refusal(code: string) {
  return { ok: false as const, error: { code, message: code } };
}

describe('the chat sender and the hub refusals', () => {
  it.each(['muted', 'banned', 'room_locked', 'validation_failed', 'not_found'])(
    '%s is final: the message is marked failed with that code',
    (code) => {
      const error = refusalError(refusal(code));
      expect(error.code).toBe(code);
      expect(retryable(error)).toBe(false);
    },
  );

  it.each(['rate_limited', 'unavailable', 'internal'])('%s is tried again later', (code) => {
    expect(retryable(refusalError(refusal(code)))).toBe(true);
  });

  it('tells a refusal from an answer', () => {
    expect(refused(refusal('muted'))).toBe(true);
    expect(refused({ ok: true, message: {} })).toBe(false);
    expect(refused(undefined)).toBe(false);
  });

  it('rejects retryably, without sending, while the socket is not connected', async () => {
    const item: OutboxItem = {
      id: '00000000-0000-4000-8000-000000000001',
      seq: 1,
      kind: 'message',
      scope: 'room:r',
      payload: { roomId: 'r', body: 'Салам' },
      state: 'sending',
      attempts: 1,
      createdAt: 0,
    };
    const error: unknown = await messageSender(item).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RealtimeUnavailable);
    expect(retryable(error)).toBe(true);
  });
});
