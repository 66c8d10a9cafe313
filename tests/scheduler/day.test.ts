import { describe, expect, it } from 'vitest';
import { addDays, isValidTimeZone, learnerDay } from '../../src/scheduler/day.js';

describe('learnerDay', () => {
  it('keeps the previous day before the rollover hour and switches at it', () => {
    expect(learnerDay(new Date('2026-03-10T03:59:00Z'), 'UTC', 4)).toBe('2026-03-09');
    expect(learnerDay(new Date('2026-03-10T04:00:00Z'), 'UTC', 4)).toBe('2026-03-10');
  });

  it('does not change the day at midnight when the rollover is 4 am', () => {
    expect(learnerDay(new Date('2026-03-09T23:59:00Z'), 'UTC', 4)).toBe('2026-03-09');
    expect(learnerDay(new Date('2026-03-10T00:01:00Z'), 'UTC', 4)).toBe('2026-03-09');
  });

  it('changes the day at midnight when the rollover hour is 0', () => {
    expect(learnerDay(new Date('2026-03-09T23:59:59Z'), 'UTC', 0)).toBe('2026-03-09');
    expect(learnerDay(new Date('2026-03-10T00:00:00Z'), 'UTC', 0)).toBe('2026-03-10');
  });

  it('uses the learner’s own time zone', () => {
    const instant = new Date('2026-03-10T02:00:00Z');
    expect(learnerDay(instant, 'UTC', 4)).toBe('2026-03-09');
    expect(learnerDay(instant, 'Asia/Tokyo', 4)).toBe('2026-03-10'); // 11:00 in Tokyo
    expect(learnerDay(instant, 'America/Los_Angeles', 4)).toBe('2026-03-09'); // 18:00 the day before
  });

  it('rolls over at 4 am wall-clock time across the spring daylight-saving change', () => {
    // Berlin moves from UTC+1 to UTC+2 at 2026-03-29 01:00 UTC.
    expect(learnerDay(new Date('2026-03-29T01:59:00Z'), 'Europe/Berlin', 4)).toBe('2026-03-28'); // 03:59 CEST
    expect(learnerDay(new Date('2026-03-29T02:00:00Z'), 'Europe/Berlin', 4)).toBe('2026-03-29'); // 04:00 CEST
  });

  it('rolls over at 4 am wall-clock time across the autumn change', () => {
    // Berlin moves back to UTC+1 at 2026-10-25 01:00 UTC.
    expect(learnerDay(new Date('2026-10-25T02:59:00Z'), 'Europe/Berlin', 4)).toBe('2026-10-24'); // 03:59 CET
    expect(learnerDay(new Date('2026-10-25T03:00:00Z'), 'Europe/Berlin', 4)).toBe('2026-10-25'); // 04:00 CET
  });

  it('handles a rollover hour at the US daylight-saving gap', () => {
    // New York skips 02:00–03:00 on 2026-03-08; with rollover 2, 03:00 EDT is already the new day.
    expect(learnerDay(new Date('2026-03-08T06:59:00Z'), 'America/New_York', 2)).toBe('2026-03-07'); // 01:59 EST
    expect(learnerDay(new Date('2026-03-08T07:00:00Z'), 'America/New_York', 2)).toBe('2026-03-08'); // 03:00 EDT
  });
});

describe('day arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-29', -1)).toBe('2026-03-28');
  });

  it('recognises IANA time zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
