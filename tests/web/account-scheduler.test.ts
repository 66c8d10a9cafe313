import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, seedCards, signIn } from '../support/app.js';

const chosen = (t: ReturnType<typeof buildTestApp>) => t.db.first('SELECT scheduler, desired_retention FROM study_options');

describe.concurrent('the scheduler on the Account page', () => {
  it('is SM-2 until the learner chooses FSRS; then the buttons show FSRS’s intervals', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent, csrf } = await signIn(t);
    const page = (await agent.get('/account')).text;
    expect(page).toContain('name="scheduler" value="sm2" checked');
    expect(page).toContain('name="desiredRetention" type="number" inputmode="decimal" step="0.01" required min="0.7" max="0.99" value="0.90"');
    expect((await agent.get('/api/review/next')).body.buttons.map((b: { days: number }) => b.days)).toEqual([1, 1, 1, 1]);

    await agent.post('/account/scheduler').type('form').send({ _csrf: csrf, scheduler: 'fsrs', desiredRetention: '0.80' }).expect(303).expect('Location', '/account?saved=scheduler');
    expect((await agent.get('/account?saved=scheduler')).text).toContain('Saved. FSRS now schedules your reviews.');
    expect(chosen(t)).toEqual({ scheduler: 'fsrs', desired_retention: 0.8 });
    expect((await agent.get('/api/review/next')).body.buttons.map((b: { days: number }) => b.days)).toEqual([1, 4, 8, 28]);
  });

  it('keeps the study options when the scheduler changes, and the scheduler when they do', async () => {
    const t = buildTestApp();
    const { agent, csrf } = await signIn(t);
    await agent.post('/account/study').type('form').send({ _csrf: csrf, newCardsPerDay: '3', reviewsPerDay: '30', rolloverHour: '4' }).expect(303);
    await agent.post('/account/scheduler').type('form').send({ _csrf: csrf, scheduler: 'fsrs', desiredRetention: '0.95' }).expect(303);
    await agent.post('/account/study').type('form').send({ _csrf: csrf, newCardsPerDay: '4', reviewsPerDay: '30', rolloverHour: '4' }).expect(303);
    expect(t.db.first('SELECT new_cards_per_day, scheduler, desired_retention FROM study_options')).toEqual({ new_cards_per_day: 4, scheduler: 'fsrs', desired_retention: 0.95 });
  });

  it.each([
    [{ scheduler: 'anki' }, 'scheduler: must be sm2 or fsrs'],
    [{ desiredRetention: '0.5' }, 'desiredRetention: must be a number from 0.70 to 0.99'],
    [{ desiredRetention: '1' }, 'desiredRetention: must be a number from 0.70 to 0.99'],
    [{ desiredRetention: '90%' }, 'desiredRetention: must be a number from 0.70 to 0.99'],
    [{ desiredRetention: '' }, 'desiredRetention: must be a number from 0.70 to 0.99'],
  ])('refuses %o with 400 and a clear message, and changes nothing', async (bad, message) => {
    const t = buildTestApp();
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/account/scheduler').type('form').send({ _csrf: csrf, scheduler: 'fsrs', desiredRetention: '0.9', ...bad });
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(chosen(t)).toBeUndefined();
  });

  it('needs a session (401) and the form token (403)', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    const body = { scheduler: 'fsrs', desiredRetention: '0.9' };
    expect((await request(t.app).post('/account/scheduler').type('form').send(body)).status).toBe(401);
    expect((await agent.post('/account/scheduler').type('form').send(body)).status).toBe(403);
    expect(chosen(t)).toBeUndefined();
  });
});
