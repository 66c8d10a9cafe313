import { describe, expect, it } from 'vitest';
import { auditForClass } from '../../src/audit/audit-log.js';
import { ClassService } from '../../src/classes/class-service.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';

describe('audit log', () => {
  it('records class changes in their transaction, newest first, with who did them', () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    db.run(`INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('ada', 'Ada', 'x', 'instructor', 'UTC', 0)`);
    const classes = new ClassService(db);
    const cls = classes.create('Intro', { userId: 1, now: 1 });
    classes.rename(cls.id, 'Intro to containers', { userId: 1, now: 2 });
    classes.rename(cls.id, 'Intro to containers', { userId: 1, now: 3 }); // no change, no entry
    classes.setContent(cls.id, { topics: ['Docker'], challenges: [] }, { userId: 1, now: 4 });
    expect(auditForClass(db, cls.id).map((e) => [e.at, e.actorName, e.action, e.detail])).toEqual([
      [4, 'Ada', 'class.content_changed', 'changed the class content: topics: +Docker'],
      [2, 'Ada', 'class.renamed', 'renamed the class from "Intro" to "Intro to containers"'],
      [1, 'Ada', 'class.created', 'created the class "Intro"'],
    ]);
  });
});
