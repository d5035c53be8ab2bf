import { randomBytes } from 'node:crypto';
import type { NetworkRole } from '../../src/modules/users/user-role.js';
import type {
  OrganisationKind,
  NetworkStatus,
} from '../../src/modules/organisations/organisation.enums.js';
import type { TestApp } from './test-app.js';

export const API = '/api/v1';

/** Fixed ids of the reference territories seeded by migration. */
export const TERRITORY = {
  batkenOblast: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0001',
  batkenDistrict: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0002',
  akTatyr: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0101',
  akSai: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0102',
  samarkandek: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0103',
  tortkul: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0104',
  karabak: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0105',
  suuBashy: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0106',
  kyshtut: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0107',
  akSaiVillage: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0202',
  kokTashVillage: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0203',
} as const;

export interface SignedUp {
  id: string;
  email: string;
  password: string;
  displayName: string;
  role: NetworkRole;
  accessToken: string;
  refreshToken: string;
  /** `{ Authorization: 'Bearer …' }` for supertest's `.set()`. */
  auth: { Authorization: string };
}

let counter = 0;

export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}@example.kg`;
}

/** Registers through the API; a role other than `member` is then granted in the database. */
export async function signUp(
  t: TestApp,
  options: { role?: NetworkRole; displayName?: string; email?: string } = {},
): Promise<SignedUp> {
  const email = options.email ?? uniqueEmail(options.role ?? 'member');
  const password = 'correct horse battery';
  const displayName = options.displayName ?? `Test ${email.split('@')[0]}`;
  const res = await t.http.post(`${API}/auth/register`).send({ email, password, displayName });
  if (res.status !== 201)
    throw new Error(`signUp failed: ${res.status} ${JSON.stringify(res.body)}`);
  const role = options.role ?? 'member';
  if (role !== 'member')
    await t.db.query('UPDATE users SET role = $1 WHERE id = $2', [role, res.body.user.id]);
  return {
    id: res.body.user.id,
    email,
    password,
    displayName,
    role,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

/** Creates an organisation through the API with `owner` as representative. */
export async function makeOrganisation(
  t: TestApp,
  owner: SignedUp,
  options: {
    name?: string;
    kind?: OrganisationKind;
    territoryId?: string;
    networkStatus?: NetworkStatus;
  } = {},
): Promise<{ id: string; name: string }> {
  counter += 1;
  const name = options.name ?? `Organisation ${counter}-${randomBytes(2).toString('hex')}`;
  const res = await t.http
    .post(`${API}/organisations`)
    .set(owner.auth)
    .send({
      name,
      kind: options.kind ?? 'ngo',
      territoryId: options.territoryId ?? TERRITORY.akSai,
    });
  if (res.status !== 201)
    throw new Error(`makeOrganisation failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (options.networkStatus && options.networkStatus !== 'none') {
    await t.db.query('UPDATE organisations SET network_status = $1 WHERE id = $2', [
      options.networkStatus,
      res.body.id,
    ]);
  }
  return { id: res.body.id, name };
}

/** Asserts an RFC 9457 answer with the given status and contract code. */
export function expectProblem(
  res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
  code: string,
): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    type: expect.any(String),
  });
}

export type Method = 'get' | 'post' | 'patch' | 'delete';

/** A request to `${API}${path}` on the real port, as `as` (no token when omitted), with an optional body. */
export function call(t: TestApp, method: Method, path: string, as?: SignedUp, body?: object) {
  let req = t.http[method](`${API}${path}`);
  if (as) req = req.set(as.auth);
  return body === undefined ? req : req.send(body);
}
