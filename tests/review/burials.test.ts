import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { buryCard, isBuried, unburyCard } from '../../src/review/burials.js';

function database() {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  db.run("INSERT INTO users (id, username, display_name, password_hash, role, time_zone, created_at) VALUES (1, 'ada', 'ada', 'x', 'student', 'UTC', 0)");
  for (const id of ['c1', 'c2'])
    db.run(
      `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
       VALUES (?, 'basic', 'Docker', 'Q?', 'A', 'n.md', 1, 1, 0, 0)`,
      [id],
    );
  return db;
}

describe('burying a card until tomorrow', () => {
  it('buries until the learner’s next day, and the burial ends by itself at that day', () => {
    const db = database();
    expect(buryCard(db, 1, 'c1', '2026-03-10', 0)).toBe(true);
    expect(isBuried(db, 1, 'c1', '2026-03-10')).toBe(true);
    expect(isBuried(db, 1, 'c1', '2026-03-11')).toBe(false);
  });

  it('counts a second bury the same day as no change, and an unbury of a card not buried too', () => {
    const db = database();
    buryCard(db, 1, 'c1', '2026-03-10', 0);
    expect(buryCard(db, 1, 'c1', '2026-03-10', 5)).toBe(false);
    expect(unburyCard(db, 1, 'c2', '2026-03-10')).toBe(false);
    expect(unburyCard(db, 1, 'c1', '2026-03-10')).toBe(true);
    expect(isBuried(db, 1, 'c1', '2026-03-10')).toBe(false);
  });

  it('deletes the learner’s ended burials at the next bury, so the table holds at most a day’s worth', () => {
    const db = database();
    buryCard(db, 1, 'c1', '2026-03-10', 0);
    buryCard(db, 1, 'c2', '2026-03-12', 0);
    expect(db.all('SELECT card_id, until_day FROM card_burials')).toEqual([{ card_id: 'c2', until_day: '2026-03-13' }]);
    // A card buried on an earlier day can be buried again today.
    expect(buryCard(db, 1, 'c1', '2026-03-12', 0)).toBe(true);
  });
});
