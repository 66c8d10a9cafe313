import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, fixedClock, signIn } from '../support/app.js';

describe('account settings', () => {
  it('moves the learner’s day to their own time zone', async () => {
    // 02:00 UTC: still the previous day in UTC (rollover 4 am), already 11:00 in Tokyo.
    const t = buildTestApp({}, fixedClock('2026-03-10T02:00:00Z'));
    const { agent, csrf } = await signIn(t);
    expect((await agent.get('/account')).text).toContain('Your review day is 2026-03-09');
    await agent.post('/account/time-zone').type('form').send({ _csrf: csrf, timeZone: 'Asia/Tokyo' }).expect(303);
    const page = await agent.get('/account?saved=1');
    expect(page.text).toContain('Your review day is 2026-03-10');
    expect(page.text).toContain('Saved. Your day now follows Asia/Tokyo.');
  });

  it('refuses an unknown time zone with a clear message and changes nothing', async () => {
    const t = buildTestApp();
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/account/time-zone').type('form').send({ _csrf: csrf, timeZone: 'Mars/Olympus' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('timeZone: is not a time zone this server knows');
    expect(t.db.first('SELECT time_zone FROM users')).toEqual({ time_zone: 'UTC' });
  });

  it('needs a session (401) and the form token (403)', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    expect((await request(t.app).get('/account')).status).toBe(401);
    expect((await agent.post('/account/time-zone').type('form').send({ timeZone: 'Asia/Tokyo' })).status).toBe(403);
    expect(t.db.first('SELECT time_zone FROM users')).toEqual({ time_zone: 'UTC' });
  });
});
