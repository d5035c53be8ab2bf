// Who sees the controls to record a focus group: staff and representatives of organisations; a
// plain member reads. (The hub decides in the end; this only hides what it would refuse.)
import { describe, expect, it } from 'vitest';
import type { User } from '../src/api/client.js';
import { canRecord, representing, staff } from '../src/screens/assessment/may.js';

const user = (role: User['role'], organisations: User['organisations'] = []) =>
  ({ id: 'u', role, organisations }) as unknown as User;
const org = (id: string, role: 'representative' | 'member') => ({ id, name: id, role });

describe('recording focus groups', () => {
  it('is for facilitators and admins', () => {
    expect(canRecord(user('facilitator'))).toBe(true);
    expect(canRecord(user('admin'))).toBe(true);
    expect(staff(user('admin'))).toBe(true);
  });

  it('is for a representative of an organisation, for the organisations they represent', () => {
    const rep = user('member', [org('a', 'representative'), org('b', 'member')]);
    expect(canRecord(rep)).toBe(true);
    expect(representing(rep).map((o) => o.id)).toEqual(['a']);
  });

  it('is not for a plain member, nor for nobody', () => {
    expect(canRecord(user('member', [org('b', 'member')]))).toBe(false);
    expect(canRecord(null)).toBe(false);
    expect(staff(user('member'))).toBe(false);
  });
});
