import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { NEW_CARD_STATE, writeCardState } from '../../src/review/card-state.js';
import { buildTestApp, seedCards, signIn } from '../support/app.js';

// The test clock says 2026-03-10 12:00 UTC: the learner's day is the 10th.
describe.concurrent('study more on the home page', () => {
  it('offers more new cards once today is done, and grants them for today', async () => {
    const t = buildTestApp({ DECKHAND_NEW_PER_DAY: '1' });
    seedCards(t.db, 5);
    const { agent, csrf } = await signIn(t);
    expect((await agent.get('/')).text).not.toContain('Study more');
    await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
    const done = (await agent.get('/')).text;
    expect(done).toContain('All done for today');
    expect(done).toContain('Study more');
    await agent.post('/study-more/new').type('form').send({ _csrf: csrf, count: '2' }).expect(303).expect('Location', '/');
    expect((await agent.get('/')).text).toMatch(/data-testid="new">2</);
    expect(t.db.first('SELECT day, extra_new, review_ahead FROM study_more')).toEqual({ day: '2026-03-10', extra_new: 2, review_ahead: 0 });
    // Tomorrow the learner's own limit holds again.
    t.clock.set('2026-03-11T12:00:00Z');
    expect((await agent.get('/')).text).toMatch(/data-testid="new">1</);
  });

  it('reviews ahead: cards due tomorrow join today’s session', async () => {
    const t = buildTestApp({ DECKHAND_NEW_PER_DAY: '0' });
    seedCards(t.db, 1);
    const { agent, csrf } = await signIn(t);
    writeCardState(t.db, 1, 'c1', { ...NEW_CARD_STATE, repetitions: 2, ease: 250, interval: 6, dueDay: '2026-03-11', introducedDay: '2026-03-01' }, 0);
    expect((await agent.get('/')).text).toContain('Review ahead');
    await agent.post('/study-more/ahead').type('form').send({ _csrf: csrf }).expect(303);
    expect((await agent.get('/')).text).toMatch(/data-testid="due">1</);
    const next = await agent.get('/api/review/next').expect(200);
    expect(next.body.card.id).toBe('c1');
    expect(next.body.buttons.map((b: { next: string }) => b.next)).toEqual(['1 day · again today', '13 days · again today', '13 days', '13 days']);
    await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 4 }).expect(200);
    expect(t.db.first("SELECT interval_days, due_day FROM card_states WHERE card_id = 'c1'")).toEqual({ interval_days: 13, due_day: '2026-03-23' });
    expect((await agent.get('/')).text).toContain('nothing due tomorrow is left to review today');
  });

  it.each([
    [{ count: '0' }, 'count: must be a whole number from 1 to 999'],
    [{ count: '1000' }, 'count: must be a whole number from 1 to 999'],
    [{ count: 'lots' }, 'count: must be a whole number from 1 to 999'],
    [{}, 'count: is required'],
  ])('refuses %o with 400 and a clear message, and grants nothing', async (body, message) => {
    const t = buildTestApp();
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/study-more/new').type('form').send({ _csrf: csrf, ...body });
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(t.db.first('SELECT count(*) AS n FROM study_more')).toEqual({ n: 0 });
  });

  it('needs a session (401) and the form token (403)', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    expect((await request(t.app).post('/study-more/new').type('form').send({ count: '5' })).status).toBe(401);
    expect((await agent.post('/study-more/new').type('form').send({ count: '5' })).status).toBe(403);
    expect((await agent.post('/study-more/ahead').type('form').send({})).status).toBe(403);
    expect(t.db.first('SELECT count(*) AS n FROM study_more')).toEqual({ n: 0 });
  });
});
