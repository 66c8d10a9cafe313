import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, seedCards, signIn } from '../support/app.js';

const logCount = (t: ReturnType<typeof buildTestApp>) =>
  t.db.first<{ n: number }>('SELECT count(*) AS n FROM review_log')?.n ?? 0;

describe('review pages', () => {
  it('shows the next card with its source and four graded buttons with their intervals', async () => {
    const t = buildTestApp();
    seedCards(t.db, 3);
    const { agent } = await signIn(t);
    const page = await agent.get('/review').expect(200);
    expect(page.text).toContain('Question 1?');
    expect(page.text).toContain('3 left');
    expect(page.text).toContain('test.md:1');
    for (const label of ['Again', 'Hard', 'Good', 'Easy']) expect(page.text).toContain(label);
    expect(page.text).toContain('1 day');
  });

  it('records an answer from the form and moves on', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/review/answer').type('form').send({ _csrf: csrf, cardId: 'c1', quality: '4' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/review');
    const page = await agent.get('/review');
    expect(page.text).toContain('Question 2?');
    expect(page.text).toContain('1 left');
    expect(logCount(t)).toBe(1);
  });

  it('says "done for today" when nothing is left', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent, csrf } = await signIn(t);
    await agent.post('/review/answer').type('form').send({ _csrf: csrf, cardId: 'c1', quality: '5' });
    const page = await agent.get('/review');
    expect(page.text).toContain('Done for today');
  });

  it('undoes the last answer', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    await agent.post('/review/answer').type('form').send({ _csrf: csrf, cardId: 'c1', quality: '5' });
    await agent.post('/review/undo').type('form').send({ _csrf: csrf }).expect(303);
    const page = await agent.get('/review');
    expect(page.text).toContain('Question 1?');
    expect(page.text).toContain('2 left');
  });

  it('answers 401 when signed out', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    await signIn(t);
    expect((await request(t.app).get('/review')).status).toBe(401);
    expect((await request(t.app).get('/api/review/next')).body).toEqual({ error: { id: 'unauthorized', message: 'Sign in to continue.' } });
    expect((await request(t.app).post('/review/answer').type('form').send({ cardId: 'c1', quality: 4 })).status).toBe(401);
    expect(logCount(t)).toBe(0);
  });

  it('refuses an answer without a CSRF token with 403 and changes nothing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent } = await signIn(t);
    const res = await agent.post('/review/answer').type('form').send({ cardId: 'c1', quality: '4' });
    expect(res.status).toBe(403);
    expect(logCount(t)).toBe(0);
    expect(t.db.first('SELECT * FROM card_states')).toBeUndefined();
  });

  it.each([
    [{ cardId: 'c1', quality: '7' }, 'quality: must be between 0 and 5'],
    [{ cardId: 'c1' }, 'quality: must be a number'],
    [{ quality: '4' }, 'cardId: '],
    [{ cardId: 'c1', quality: '2.5' }, 'quality: must be a whole number'],
  ])('answers 400 with a clear message for %o and changes nothing', async (body, message) => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(logCount(t)).toBe(0);
  });

  it('answers 404 for a card that does not exist', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'nope', quality: 4 });
    expect(res.status).toBe(404);
    expect(logCount(t)).toBe(0);
  });

  it('serves the JSON API: answer returns the saved id and the next card', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 5, durationMs: 2500 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ saved: true, kind: 'new', next: { id: 'c2' }, counts: { left: 1 } });
    expect(t.db.first('SELECT duration_ms FROM review_log')).toEqual({ duration_ms: 2500 });
  });

  it('escapes note content so a card cannot inject markup', async () => {
    const t = buildTestApp();
    t.db.run(
      `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
       VALUES ('x', 'basic', 'T', '<script>alert(1)</script>', '<img src=x onerror=alert(2)>', 'a.md', 1, 1, 0, 0)`,
    );
    const { agent } = await signIn(t);
    const page = await agent.get('/review?reveal=1');
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<img src=x');
  });

  it('rejects a bad query string with 400', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    const res = await agent.get('/review?reveal=yes');
    expect(res.status).toBe(400);
    expect(res.text).toContain('reveal:');
  });

  it('keeps each learner’s reviews apart', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    const bo = await signIn(t, 'bo');
    await ada.agent.post('/api/review/answer').set('x-csrf-token', ada.csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
    const next = await bo.agent.get('/api/review/next');
    expect(next.body.card).toMatchObject({ id: 'c1' });
    // Ada's CSRF token is bound to her session and useless with Bo's cookie.
    expect((await bo.agent.post('/api/review/answer').set('x-csrf-token', ada.csrf).send({ cardId: 'c1', quality: 5 })).status).toBe(403);
  });
});

describe('daily limits through the API', () => {
  it('refuses a new card beyond the new-card limit with 409 and changes nothing', async () => {
    const t = buildTestApp({ DECKHAND_NEW_PER_DAY: '1' });
    seedCards(t.db, 3);
    const { agent, csrf } = await signIn(t);
    await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c3', quality: 5 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe("You have reached today's limit of 1 new cards.");
    expect(logCount(t)).toBe(1);
  });
});
