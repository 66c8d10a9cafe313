import { describe, expect, it } from 'vitest';
import { challengeInScope, classScopeFor, topicInScope } from '../../src/classes/class-scope.js';
import { ClassService } from '../../src/classes/class-service.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';

function setup() {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  for (const [name, role] of [['ada', 'instructor'], ['sam', 'student']]) {
    db.run(`INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', ?, 'UTC', 0)`, [name, name, role]);
  }
  return { db, classes: new ClassService(db), actor: { userId: 1, now: 0 } };
}

describe('classScopeFor', () => {
  it('is null for a user in no class: nothing is filtered', () => {
    const { db } = setup();
    expect(classScopeFor(db, 2)).toBeNull();
    expect(topicInScope(null, 'Anything')).toBe(true);
  });

  it('is "all" while a class has chosen nothing', () => {
    const { db, classes, actor } = setup();
    const a = classes.create('A', actor);
    classes.addMember(a.id, 2, 0);
    expect(classScopeFor(db, 2)).toEqual({ topics: 'all', challenges: 'all' });
  });

  it('unites the choices of all the student’s classes, keeping the earliest due day', () => {
    const { db, classes, actor } = setup();
    const a = classes.create('A', actor);
    const b = classes.create('B', actor);
    classes.setContent(a.id, { topics: ['Docker'], challenges: [{ challengeId: 'publish-port', dueDay: '2026-04-10' }] }, actor);
    classes.setContent(b.id, { topics: ['Kubernetes'], challenges: [{ challengeId: 'publish-port', dueDay: '2026-04-01' }, { challengeId: 'volumes', dueDay: null }] }, actor);
    classes.addMember(a.id, 2, 0);
    classes.addMember(b.id, 2, 0);
    const scope = classScopeFor(db, 2);
    expect(scope).toEqual({
      topics: ['Docker', 'Kubernetes'],
      challenges: [{ challengeId: 'publish-port', dueDay: '2026-04-01' }, { challengeId: 'volumes', dueDay: null }],
    });
    expect(topicInScope(scope, 'Docker › Networking')).toBe(true);
    expect(topicInScope(scope, 'Linux › Namespaces')).toBe(false);
    expect(challengeInScope(scope, 'volumes')).toBe(true);
    expect(challengeInScope(scope, 'prune')).toBe(false);
  });
});
