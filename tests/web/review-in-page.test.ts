import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, seedCards, signIn, type TestApp } from '../support/app.js';

const logCount = (t: TestApp) => t.db.first<{ n: number }>('SELECT count(*) AS n FROM review_log WHERE undone_at IS NULL')?.n ?? 0;
const stateOf = (t: TestApp, cardId: string) => t.db.first('SELECT * FROM card_states WHERE card_id = ?', [cardId]);

/** The attributes review.ejs hands to review.js, read back as the script reads them. */
function pageData(html: string): { current: unknown; after: unknown } {
  const attribute = (name: string) => {
    const match = new RegExp(`${name}="([^"]*)"`).exec(html);
    if (!match?.[1]) throw new Error(`no ${name} on the page`);
    const text = match[1].replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return JSON.parse(text) as unknown;
  };
  return { current: attribute('data-current'), after: attribute('data-after') };
}

const answerSection = (html: string) => /<section id="answer"[^>]*>/.exec(html)?.[0] ?? '';

describe('answering in the page through the JSON API', () => {
  it('answers with the next card, its buttons and the card after it, in one reply', async () => {
    const t = buildTestApp();
    seedCards(t.db, 3);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 4, durationMs: 900 }).expect(200);
    expect(res.body).toMatchObject({
      saved: true,
      kind: 'new',
      next: { id: 'c2', prompt: 'Question 2?', answer: 'Answer 2', queue: 'new', sourceFile: 'test.md', sourceLine: 2 },
      counts: { left: 2, new: 2, due: 0, drill: 0 },
      after: { card: { id: 'c3', queue: 'new' }, intervalNote: expect.stringMatching(/^New card: every grade gives 1 day/) },
    });
    expect(res.body.buttons.map((b: { label: string; next: string }) => `${b.label}: ${b.next}`)).toEqual([
      'Again: 1 day · again today',
      'Hard: 1 day · again today',
      'Good: 1 day',
      'Easy: 1 day',
    ]);
    expect(res.body.intervalNote).toMatch(/^New card: every grade gives 1 day/);
    expect(res.body.after.buttons).toHaveLength(4);
  });

  it('holds no card after the last one, and sends the last card back when it is graded below 4', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent, csrf } = await signIn(t);
    expect((await agent.get('/api/review/next').expect(200)).body).toMatchObject({ card: { id: 'c1' }, after: null });
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 1 }).expect(200);
    expect(res.body).toMatchObject({ next: { id: 'c1', queue: 'drill' }, after: null, counts: { left: 1, drill: 1 } });
    expect(res.body.buttons.map((b: { next: string }) => b.next)).toEqual(['again today', 'again today', '1 day', '1 day']);
    const done = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 4 }).expect(200);
    expect(done.body).toMatchObject({ next: null, after: null, buttons: [], intervalNote: null, counts: { left: 0 } });
  });

  it('counts the card on screen against the new-card limit when choosing the card after it', async () => {
    const t = buildTestApp({ DECKHAND_NEW_PER_DAY: '2' });
    seedCards(t.db, 3);
    const { agent, csrf } = await signIn(t);
    expect((await agent.get('/api/review/next')).body).toMatchObject({ card: { id: 'c1' }, after: { card: { id: 'c2' } } });
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
    expect(res.body).toMatchObject({ next: { id: 'c2' }, after: null });
  });

  it('undoes through the API and answers with the restored card and fresh counts', async () => {
    const t = buildTestApp();
    seedCards(t.db, 3);
    const { agent, csrf } = await signIn(t);
    await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
    const res = await agent.post('/api/review/undo').set('x-csrf-token', csrf).send({}).expect(200);
    expect(res.body).toMatchObject({ undone: 'c1', next: { id: 'c1' }, counts: { left: 3 }, after: { card: { id: 'c2' } } });
    expect(res.body.buttons).toHaveLength(4);
    expect(logCount(t)).toBe(0);
    expect(stateOf(t, 'c1')).toMatchObject({ due_day: null, repetitions: 0 });
  });

  it('says there was nothing to undo and still sends the current card', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/api/review/undo').set('x-csrf-token', csrf).send({}).expect(200);
    expect(res.body).toMatchObject({ undone: null, next: { id: 'c1' }, after: { card: { id: 'c2' } } });
  });

  it('answers 409 for a card answered in another tab, with the message the page shows, and changes nothing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
    const before = stateOf(t, 'c1');
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 5 });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: { id: 'conflict', message: 'That card is not due today; it may have been answered in another tab.' } });
    expect(stateOf(t, 'c1')).toEqual(before);
    expect(logCount(t)).toBe(1);
  });

  it('answers 400 with the field and the problem for a malformed answer, and changes nothing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 9 });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { id: 'bad_request', message: 'quality: must be between 0 and 5' } });
    const broken = await agent.post('/api/review/answer').set('x-csrf-token', csrf).set('content-type', 'application/json').send('{"cardId":');
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ error: { id: 'bad_request', message: 'The request body could not be read.' } });
    expect(logCount(t)).toBe(0);
  });

  it('refuses an API undo without the CSRF token with 403 and keeps the answer', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent, csrf } = await signIn(t);
    await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
    const res = await agent.post('/api/review/undo').send({});
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ id: 'csrf' });
    expect((await agent.post('/api/review/undo').set('x-csrf-token', 'not-the-token').send({})).status).toBe(403);
    expect(logCount(t)).toBe(1);
  });

  it('answers 401 to an API undo when signed out', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    await signIn(t);
    const res = await request(t.app).post('/api/review/undo').send({});
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { id: 'unauthorized', message: 'Sign in to continue.' } });
  });
});

describe('the review page keeps its place', () => {
  it('hands the script the card on screen and the card after it', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent } = await signIn(t);
    const page = await agent.get('/review').expect(200);
    expect(pageData(page.text)).toMatchObject({ current: { card: { id: 'c1' }, buttons: [{ label: 'Again' }, {}, {}, {}] }, after: { card: { id: 'c2' } } });
    expect(page.text).toContain('href="/review?card=c1&amp;reveal=1"');
  });

  it('shows the answer after a reload of ?card=…&reveal=1 while that card is still the current one', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    const page = await agent.get('/review?card=c1&reveal=1').expect(200);
    expect(page.text).toContain('Question 1?');
    expect(answerSection(page.text)).not.toContain('hidden');
    expect(page.text).toMatch(/data-testid="answer" tabindex="-1" autofocus/);
    expect(page.text).toContain('New card: every grade gives 1 day');

    // Answered meanwhile (another tab): the page shows the next card, answer hidden.
    await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
    const moved = await agent.get('/review?card=c1&reveal=1').expect(200);
    expect(moved.text).toContain('Question 2?');
    expect(answerSection(moved.text)).toContain('hidden');
  });

  it('sends the form undo back to the undone card, revealed', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    await agent.post('/review/answer').type('form').send({ _csrf: csrf, cardId: 'c1', quality: '5' }).expect(303);
    const res = await agent.post('/review/undo').type('form').send({ _csrf: csrf }).expect(303);
    expect(res.headers.location).toBe('/review?card=c1&reveal=1');
    const page = await agent.get(res.headers.location as string);
    expect(page.text).toContain('Question 1?');
    expect(answerSection(page.text)).not.toContain('hidden');
    // With nothing left to undo, the form goes back to the page as it is.
    expect((await agent.post('/review/undo').type('form').send({ _csrf: csrf }).expect(303)).headers.location).toBe('/review');
  });

  it('rejects a malformed card parameter with 400', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    const res = await agent.get(`/review?card=${'x'.repeat(65)}`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('card:');
  });

  it('escapes note content in the data it hands the script', async () => {
    const t = buildTestApp();
    t.db.run(
      `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
       VALUES ('x', 'basic', 'T', '"><script>alert(1)</script>', 'a &amp; b', 'a.md', 1, 1, 0, 0)`,
    );
    const { agent } = await signIn(t);
    const page = await agent.get('/review');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(pageData(page.text)).toMatchObject({ current: { card: { prompt: '"><script>alert(1)</script>', answer: 'a &amp; b' } } });
  });
});
