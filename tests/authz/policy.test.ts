import { describe, expect, it } from 'vitest';
import type { User } from '../../src/accounts/users.js';
import { can, type Action } from '../../src/authz/policy.js';
import type { ClassRecord } from '../../src/classes/class-service.js';

const user = (id: number, role: User['role']): User => ({ id, username: `u${id}`, displayName: `U${id}`, role, timeZone: 'UTC', mustChangePassword: false });
const cls: ClassRecord = { id: 7, instructorId: 1, name: 'C', joinCode: 'AAAA-BBBB', joinEnabled: true, createdAt: 0 };
const ALL: Action[] = ['classes:use', 'class:view', 'class:manage', 'student:view', 'student:manage', 'sandbox:end'];

describe('the policy', () => {
  it('refuses students and the signed-out everything', () => {
    for (const action of ALL) {
      expect(can(user(2, 'student'), action, { cls, memberOfClass: true })).toBe(false);
      expect(can(undefined, action, { cls, memberOfClass: true })).toBe(false);
    }
  });

  it("refuses an instructor another instructor's class", () => {
    for (const action of ALL.slice(1)) expect(can(user(3, 'instructor'), action, { cls, memberOfClass: true })).toBe(false);
  });

  it('lets the owner act on their class, and on students only through it', () => {
    const owner = user(1, 'instructor');
    expect(ALL.map((action) => can(owner, action, { cls, memberOfClass: true }))).toEqual(ALL.map(() => true));
    expect(can(owner, 'student:view', { cls, memberOfClass: false })).toBe(false);
    expect(can(owner, 'class:view', {})).toBe(false);
  });
});

describe('the policy for sandboxes and content', () => {
  it('lets a learner use only their own sandbox, and the instructor any', () => {
    expect(can(user(1, 'student'), 'sandbox:use', { ownerId: 1 })).toBe(true);
    expect(can(user(2, 'student'), 'sandbox:use', { ownerId: 1 })).toBe(false);
    expect(can(user(2, 'student'), 'sandbox:use', { ownerId: null })).toBe(false);
    expect(can(user(9, 'instructor'), 'sandbox:use', { ownerId: 1 })).toBe(true);
    expect(can(undefined, 'sandbox:use', { ownerId: 1 })).toBe(false);
  });

  it('lets only the instructor manage the notes', () => {
    expect(can(user(9, 'instructor'), 'content:manage')).toBe(true);
    expect(can(user(1, 'student'), 'content:manage')).toBe(false);
  });
});
