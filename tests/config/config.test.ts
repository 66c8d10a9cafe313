import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('has sensible defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.rolloverHour).toBe(4);
    expect(config.newCardsPerDay).toBe(20);
    expect(config.reviewsPerDay).toBe(200);
    expect(config.databaseFile).toBe('./data/deckhand.db');
    expect(config.backup.keep).toBe(7);
  });

  it('reads values from the environment', () => {
    const config = loadConfig({ PORT: '8080', DECKHAND_ROLLOVER_HOUR: '0', DECKHAND_NEW_PER_DAY: '5', DECKHAND_TIME_ZONE: 'Europe/Berlin' });
    expect(config).toMatchObject({ port: 8080, rolloverHour: 0, newCardsPerDay: 5, timeZone: 'Europe/Berlin' });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: must be a number/],
    [{ DECKHAND_ROLLOVER_HOUR: '24' }, /DECKHAND_ROLLOVER_HOUR: must be at most 23/],
    [{ DECKHAND_NEW_PER_DAY: '-1' }, /DECKHAND_NEW_PER_DAY: must be at least 0/],
    [{ DECKHAND_TIME_ZONE: 'Mars/Base' }, /DECKHAND_TIME_ZONE: must be an IANA time zone/],
    [{ DECKHAND_BACKUP_SCHEDULE: 'every night' }, /DECKHAND_BACKUP_SCHEDULE: must be a cron expression/],
    [{ DECKHAND_SECURE_COOKIES: 'maybe' }, /DECKHAND_SECURE_COOKIES: must be 1 or 0/],
  ])('stops with a message naming the variable for %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
