// Read screens without a connection: the last answer is kept per user and shown, with its time,
// only when the hub cannot be reached; a refusal is never covered up by the kept copy.
import { describe, expect, it } from 'vitest';
import { ApiError, type User } from '../src/api/client.js';
import { HubUnreachable } from '../src/api/tokens.js';
import { me } from '../src/session.js';
import { fetchKept } from '../src/screens/assessment/kept.js';

me.value = { id: 'user-kept-1' } as User;
const flush = () => new Promise((r) => setTimeout(r, 20));

describe('fetchKept', () => {
  it('answers the hub’s copy and keeps it', async () => {
    const got = await fetchKept('results:s1:gender:', () => Promise.resolve({ n: 1 }));
    expect(got).toEqual({ value: { n: 1 }, savedAt: null });
  });

  it('shows the kept copy, with when it was saved, while the hub cannot be reached', async () => {
    await fetchKept('finding:f1', () => Promise.resolve({ statement: 'суу' }));
    await flush();
    const before = Date.now();
    const got = await fetchKept('finding:f1', () => Promise.reject(new HubUnreachable()));
    expect(got.value).toEqual({ statement: 'суу' });
    expect(got.savedAt).not.toBeNull();
    expect(got.savedAt!).toBeLessThanOrEqual(before);
  });

  it('fails as the hub said when nothing was kept', async () => {
    await expect(
      fetchKept('finding:none', () => Promise.reject(new HubUnreachable())),
    ).rejects.toBeInstanceOf(HubUnreachable);
  });

  it('never covers a refusal with the kept copy', async () => {
    await fetchKept('event:e1', () => Promise.resolve({ id: 'e1' }));
    await flush();
    const refused = new ApiError(404, { code: 'not_found' });
    await expect(fetchKept('event:e1', () => Promise.reject(refused))).rejects.toBe(refused);
  });

  it('keeps copies apart per user', async () => {
    await fetchKept('event:e2', () => Promise.resolve({ id: 'e2' }));
    await flush();
    me.value = { id: 'user-kept-2' } as User;
    await expect(
      fetchKept('event:e2', () => Promise.reject(new HubUnreachable())),
    ).rejects.toBeInstanceOf(HubUnreachable);
    me.value = { id: 'user-kept-1' } as User;
  });
});
