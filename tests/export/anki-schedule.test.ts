import { describe, expect, it } from 'vitest';
import { ankiRevlog, ankiSchedule, dayNumber, easeOfQuality, revlogType } from '../../src/export/anki-schedule.js';
import type { ExportReview } from '../../src/export/learner-export.js';

const review = (extra: Partial<ExportReview> = {}): ExportReview => ({
  id: 1,
  cardId: 'c1',
  kind: 'review',
  quality: 4,
  answeredAt: 1_773_144_000_000,
  day: '2026-03-10',
  durationMs: 3000,
  repsBefore: 2,
  easeBefore: 250,
  intervalBefore: 6,
  repsAfter: 3,
  easeAfter: 250,
  intervalAfter: 15,
  dueAfter: '2026-03-25',
  undoneAt: null,
  correctsId: null,
  ...extra,
});

describe('SM-2 as Anki numbers', () => {
  it('maps the four buttons’ qualities to Anki’s eases, and the rest to Again', () => {
    expect([0, 1, 2, 3, 4, 5].map(easeOfQuality)).toEqual([1, 1, 1, 2, 3, 4]);
  });

  it('counts days between calendar days', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2026-03-17') - dayNumber('2026-03-10')).toBe(7);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
  });

  it('makes a new card new and a scheduled one a review card due on its day', () => {
    expect(ankiSchedule(null, [], 5, '2026-03-01')).toEqual({ type: 0, queue: 0, due: 5, ivl: 0, factor: 0, reps: 0, lapses: 0 });
    const state = { repetitions: 3, ease: 236, interval: 15, dueDay: '2026-03-25', suspended: false, lastAnsweredAt: 0 };
    const history = [review({ kind: 'new', intervalBefore: 0 }), review({ quality: 1 }), review({ kind: 'drill', quality: 1 }), review({ undoneAt: 5 })];
    expect(ankiSchedule(state, history, 1, '2026-03-01')).toEqual({ type: 2, queue: 2, due: 24, ivl: 15, factor: 2360, reps: 3, lapses: 1 });
    expect(ankiSchedule({ ...state, suspended: true }, [], 1, '2026-03-01').queue).toBe(-1);
  });

  it('writes each answer as a revlog row: learn, review or relearn', () => {
    expect(ankiRevlog(review())).toEqual({ id: 1_773_144_000_000, ease: 3, ivl: 15, lastIvl: 6, factor: 2500, time: 3000, type: 1 });
    expect(revlogType(review({ kind: 'new', repsBefore: 0, intervalBefore: 0 }))).toBe(0);
    expect(revlogType(review({ kind: 'quiz', repsBefore: 0, intervalBefore: 0 }))).toBe(0);
    expect(revlogType(review({ kind: 'quiz' }))).toBe(1);
    expect(revlogType(review({ kind: 'drill' }))).toBe(2);
  });
});
