import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setSuspended } from '../../src/browse/suspend.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { recordAnswer, undoLastAnswer } from '../../src/review/answer.js';
import { queueCounts } from '../../src/review/queue.js';
import { seedCards } from '../support/app.js';

type Op = { op: 'answer'; card: number; quality: 0 | 1 | 2 | 3 | 4 | 5 } | { op: 'undo' } | { op: 'suspend' | 'unsuspend'; card: number };

const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('answer' as const), card: fc.integer({ min: 1, max: 6 }), quality: fc.constantFrom(0, 1, 2, 3, 4, 5) as fc.Arbitrary<0 | 1 | 2 | 3 | 4 | 5> }),
    fc.record({ op: fc.constant('undo' as const) }),
    fc.record({ op: fc.constantFrom('suspend' as const, 'unsuspend' as const), card: fc.integer({ min: 1, max: 6 }) }),
  ),
  { maxLength: 40 },
);

describe('the trigger-kept count of seen cards', () => {
  it('always equals a recount, whatever learners do', () => {
    fc.assert(
      fc.property(ops, (sequence: Op[]) => {
        const db = openDatabase(':memory:');
        migrateDatabase(db);
        const userId = db.run(
          "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES ('ada', 'ada', 'x', 'student', 'UTC', 0)",
        ).lastInsertRowid;
        seedCards(db, 6);
        for (const step of sequence) {
          try {
            if (step.op === 'answer') recordAnswer(db, { userId, cardId: `c${step.card}`, quality: step.quality, now: 1, today: '2026-03-10', durationMs: 1 });
            else if (step.op === 'undo') undoLastAnswer(db, userId, 2);
            else setSuspended(db, userId, `c${step.card}`, step.op === 'suspend');
          } catch {
            // refused operations (not due, suspended) change nothing, which is what is checked
          }
        }
        const recount = db.first<{ n: number }>(
          'SELECT count(*) AS n FROM card_states WHERE user_id = ? AND (due_day IS NOT NULL OR suspended = 1)',
          [userId],
        )?.n;
        const kept = db.first<{ seen: number }>('SELECT seen FROM learner_seen_counts WHERE user_id = ?', [userId])?.seen ?? 0;
        expect(kept).toBe(recount);
        const unseen = 6 - (recount ?? 0);
        expect(queueCounts(db, userId, '2026-03-11', { newCardsPerDay: 99, reviewsPerDay: 99 }).new).toBe(unseen);
      }),
      { numRuns: 60 },
    );
  });
});
