// People's display names by user id, fetched once each (GET /members/:id) and kept for the
// session; a signal so names fill in as they arrive.
import { signal } from '@preact/signals';
import { api, ok } from '../../api/client.js';
import { me } from '../../session.js';

const names = signal<ReadonlyMap<string, string>>(new Map());
const asked = new Set<string>();

/** The name of `userId`, or null until it is known (asks the hub the first time). */
export function nameOf(userId: string | null | undefined): string | null {
  if (!userId) return null;
  if (userId === me.value?.id) return me.value.displayName;
  const known = names.value.get(userId);
  if (known !== undefined) return known;
  if (!asked.has(userId)) {
    asked.add(userId);
    ok(api.GET('/api/v1/members/{id}', { params: { path: { id: userId } } })).then(
      (user) => {
        names.value = new Map(names.value).set(userId, user.displayName);
      },
      () => asked.delete(userId),
    );
  }
  return null;
}
