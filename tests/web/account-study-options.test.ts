import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, fixedClock, seedCards, signIn } from '../support/app.js';

const options = { newCardsPerDay: '3', reviewsPerDay: '50', rolloverHour: '6' };

describe.concurrent('study options on the Account page', () => {
  it('shows the server’s settings until the learner chooses their own', async () => {
    const t = buildTestApp({ DECKHAND_NEW_PER_DAY: '7', DECKHAND_REVIEWS_PER_DAY: '70', DECKHAND_ROLLOVER_HOUR: '5' });
    const { agent } = await signIn(t);
    const page = (await agent.get('/account')).text;
    expect(page).toContain('name="newCardsPerDay" type="number" inputmode="numeric" required min="0" max="9999" value="7"');
    expect(page).toContain('name="reviewsPerDay" type="number" inputmode="numeric" required min="0" max="9999" value="70"');
    expect(page).toContain('value="5"');
    expect(page).toContain('a new day starts at 5:00');
  });

  it('saves them, and the home counts and the review queue follow them', async () => {
    const t = buildTestApp();
    seedCards(t.db, 10);
    const { agent, csrf } = await signIn(t);
    expect((await agent.get('/')).text).toMatch(/data-testid="new">10</);
    await agent.post('/account/study').type('form').send({ _csrf: csrf, ...options }).expect(303).expect('Location', '/account?saved=study');
    expect((await agent.get('/account?saved=study')).text).toContain('Saved your study options.');
    expect(t.db.first('SELECT new_cards_per_day, reviews_per_day, rollover_hour FROM study_options')).toEqual({ new_cards_per_day: 3, reviews_per_day: 50, rollover_hour: 6 });
    expect((await agent.get('/')).text).toMatch(/data-testid="new">3</);
    for (const cardId of ['c1', 'c2', 'c3']) {
      await agent.post('/api/review/answer').set('X-CSRF-Token', csrf).send({ cardId, quality: 5 }).expect(200);
    }
    const refused = await agent.post('/api/review/answer').set('X-CSRF-Token', csrf).send({ cardId: 'c4', quality: 5 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe("You have reached today's limit of 3 new cards.");
    expect((await agent.get('/api/review/next')).body.card).toBeNull();
  });

  it('moves the learner’s day with their own rollover hour', async () => {
    // 05:00 UTC: with the server's 4 am it is already the 10th; from 6 am it is still the 9th.
    const t = buildTestApp({}, fixedClock('2026-03-10T05:00:00Z'));
    const { agent, csrf } = await signIn(t);
    expect((await agent.get('/account')).text).toContain('Your review day is 2026-03-10');
    await agent.post('/account/study').type('form').send({ _csrf: csrf, ...options }).expect(303);
    expect((await agent.get('/account')).text).toContain('Your review day is 2026-03-09; a new day starts at 6:00');
  });

  it.each([
    [{ newCardsPerDay: '-1' }, 'newCardsPerDay: must be a whole number from 0 to 9999'],
    [{ newCardsPerDay: '' }, 'newCardsPerDay: is required'],
    [{ reviewsPerDay: '2.5' }, 'reviewsPerDay: must be a whole number from 0 to 9999'],
    [{ reviewsPerDay: '10000' }, 'reviewsPerDay: must be a whole number from 0 to 9999'],
    [{ rolloverHour: '24' }, 'rolloverHour: must be a whole number from 0 to 23'],
    [{ rolloverHour: 'four' }, 'rolloverHour: must be a whole number from 0 to 23'],
  ])('refuses %o with 400 and a clear message, and changes nothing', async (bad, message) => {
    const t = buildTestApp();
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/account/study').type('form').send({ _csrf: csrf, ...options, ...bad });
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(t.db.first('SELECT count(*) AS n FROM study_options')).toEqual({ n: 0 });
  });

  it('needs a session (401) and the form token (403)', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    expect((await request(t.app).post('/account/study').type('form').send(options)).status).toBe(401);
    expect((await agent.post('/account/study').type('form').send(options)).status).toBe(403);
    expect(t.db.first('SELECT count(*) AS n FROM study_options')).toEqual({ n: 0 });
  });
});

describe.concurrent('the browser’s time zone on the Account page', () => {
  it('is offered while the learner never chose a zone, and no longer once they did', async () => {
    const t = buildTestApp();
    const { agent, csrf } = await signIn(t);
    const before = (await agent.get('/account')).text;
    expect(before).toContain('data-browser-zone');
    expect(before).toContain('<script src="/static/time-zone.js" defer></script>');
    await agent.post('/account/time-zone').type('form').send({ _csrf: csrf, timeZone: 'Europe/Berlin' }).expect(303);
    expect((await agent.get('/account')).text).not.toContain('data-browser-zone');
    expect(t.deps.users.timeZoneChosen(1)).toBe(true);
  });

  it('serves the script that fills it in', async () => {
    const t = buildTestApp();
    const res = await request(t.app).get('/static/time-zone.js').expect(200);
    expect(res.text).toContain('Intl.DateTimeFormat().resolvedOptions().timeZone');
  });
});
