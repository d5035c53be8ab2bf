// Arranging a browser spec's data through the hub's API (as a person's phone would), next to
// test/support/browser.ts: `apiCall(hub, user, 'POST', '/organisations', body)`.
import type { ApiUser, BrowserHub } from './browser.js';

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** A call to `/api/v1${path}` as `user` (no token when null); answers status and parsed body. */
export async function apiCall<T = Record<string, unknown>>(
  hub: BrowserHub,
  user: ApiUser | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: object,
): Promise<ApiAnswer<T>> {
  const res = await fetch(`${hub.directUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(user ? { authorization: `Bearer ${user.accessToken}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** The same, failing the test unless the hub answers 2xx. */
export async function apiOk<T = Record<string, unknown>>(
  hub: BrowserHub,
  user: ApiUser | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: object,
): Promise<T> {
  const answer = await apiCall<T>(hub, user, method, path, body);
  if (answer.status < 200 || answer.status > 299)
    throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * An organisation `owner` registers (`kind` as in POST /organisations), made a member of the
 * network in the hub's database without a facilitator's approval; answers its id.
 */
export async function memberOrganisation(
  hub: BrowserHub,
  owner: ApiUser,
  name: string,
  kind: string,
  territoryId: string,
): Promise<string> {
  const { id } = await apiOk<{ id: string }>(hub, owner, 'POST', '/organisations', {
    name,
    kind,
    territoryId,
  });
  await hub.query(`UPDATE organisations SET network_status = 'member' WHERE id = $1`, [id]);
  return id;
}
