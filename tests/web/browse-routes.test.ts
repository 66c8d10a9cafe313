import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, csrfFrom, seedCards, signIn } from '../support/app.js';

const stateRows = (db: Database) => db.all('SELECT * FROM card_states ORDER BY user_id, card_id');
const rowIds = (html: string) => [...html.matchAll(/<tr data-card-id="([^"]+)"/g)].map((m) => m[1]);

describe('GET /browse', () => {
  it('lists the cards with their source and the learner’s schedule', async () => {
    const t = buildTestApp();
    seedCards(t.db, 3);
    const ada = await signIn(t, 'ada');
    await ada.agent.post('/api/review/answer').set('x-csrf-token', ada.csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
    const page = await ada.agent.get('/browse').expect(200);
    expect(rowIds(page.text)).toEqual(['c1', 'c2', 'c3']);
    expect(page.text).toContain('3 cards');
    expect(page.text).toContain('<code>test.md:1</code>');
    expect(page.text).toMatch(/<td>2026-03-11<\/td>\s*<td>1 d<\/td>\s*<td>2\.60<\/td>/);
    expect(page.text).toContain('action="/browse/c1/suspend"');
    expect(page.text).not.toMatch(/\sstyle=/);
  });

  it('searches by text and topic and keeps the search in the form', async () => {
    const t = buildTestApp();
    seedCards(t.db, 12);
    t.db.run(`UPDATE cards SET topic = 'Kubernetes › Pods' WHERE id IN ('c2', 'c12')`);
    const ada = await signIn(t, 'ada');
    const page = await ada.agent.get('/browse').query({ q: 'question 1', topic: '', status: '', page: '' }).expect(200);
    expect(rowIds(page.text)).toEqual(['c1', 'c10', 'c11', 'c12']);
    expect(page.text).toContain('value="question 1"');
    const topic = await ada.agent.get('/browse').query({ q: 'question 1', topic: 'Kubernetes' }).expect(200);
    expect(rowIds(topic.text)).toEqual(['c12']);
    expect(topic.text).toContain('<option value="Kubernetes" selected>');
  });

  it('escapes card text', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    t.db.run(`UPDATE cards SET prompt = '<script>alert(1)</script>' WHERE id = 'c1'`);
    const ada = await signIn(t, 'ada');
    const page = await ada.agent.get('/browse').expect(200);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)');
  });

  it('pages 50 cards at a time with links to the neighbours', async () => {
    const t = buildTestApp();
    seedCards(t.db, 120);
    const ada = await signIn(t, 'ada');
    const page = await ada.agent.get('/browse?q=question&page=2').expect(200);
    expect(rowIds(page.text)).toHaveLength(50);
    expect(rowIds(page.text)[0]).toBe('c51');
    expect(page.text).toContain('page 2 of 3');
    expect(page.text).toContain('href="/browse?q=question"');
    expect(page.text).toContain('href="/browse?q=question&amp;page=3"');
  });

  it('returns 400 naming the field for a bad page or status', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    const json = (path: string) => ada.agent.get(path).set('accept', 'application/json').expect(400);
    expect((await json('/browse?page=abc')).body.error.message).toBe('page: must be a page number');
    expect((await json('/browse?page=0')).body.error.message).toBe('page: must be 1 or more');
    expect((await json('/browse?page=1.5')).body.error.message).toBe('page: must be a whole number');
    expect((await json('/browse?status=deleted')).body.error.message).toBe(
      'status: must be one of all, new, learning, suspended, retired',
    );
    const page = await ada.agent.get('/browse?status=deleted').expect(400);
    expect(page.text).toContain('status: must be one of all, new, learning, suspended, retired');
  });

  it('returns 401 when signed out', async () => {
    const t = buildTestApp();
    await signIn(t, 'ada');
    await request(t.app).get('/browse').set('accept', 'application/json').expect(401);
  });
});

describe('POST /browse/:cardId/suspend and /unsuspend', () => {
  it('takes the card out of the review queue and back, returning to the same search', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const ada = await signIn(t, 'ada');
    const before = await ada.agent.get('/api/review/next').expect(200);
    expect(before.body.card.id).toBe('c1');

    const suspended = await ada.agent
      .post('/browse/c1/suspend?q=Question&status=&page=1')
      .type('form')
      .send({ _csrf: ada.csrf })
      .expect(303);
    expect(suspended.headers.location).toBe('/browse?q=Question#card-c1');
    expect(t.db.first('SELECT due_day, suspended FROM card_states WHERE card_id = ?', ['c1'])).toEqual({ due_day: null, suspended: 1 });
    const next = await ada.agent.get('/api/review/next').expect(200);
    expect(next.body.card.id).toBe('c2');
    expect(next.body.counts.new).toBe(1);

    const list = await ada.agent.get('/browse?status=suspended').expect(200);
    expect(rowIds(list.text)).toEqual(['c1']);
    expect(list.text).toContain('action="/browse/c1/unsuspend?status=suspended"');

    await ada.agent.post('/browse/c1/unsuspend?status=suspended').type('form').send({ _csrf: ada.csrf }).expect(303, /status=suspended/);
    expect((await ada.agent.get('/api/review/next')).body.card.id).toBe('c1');
  });

  it('suspends the card for this learner only', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    const bob = await signIn(t, 'bob');
    await ada.agent.post('/browse/c1/suspend').type('form').send({ _csrf: ada.csrf }).expect(303);
    expect((await bob.agent.get('/api/review/next')).body.card.id).toBe('c1');
    expect((await ada.agent.get('/api/review/next')).body.card).toBeNull();
  });

  it('returns 403 without a CSRF token and changes nothing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    const response = await ada.agent.post('/browse/c1/suspend').set('accept', 'application/json').type('form').send({}).expect(403);
    expect(response.body.error).toEqual({
      id: 'csrf',
      message: 'This form has expired or came from another site. Reload the page and try again.',
    });
    expect(stateRows(t.db)).toEqual([]);
  });

  it('returns 400 for a bad card id or return query and changes nothing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    const bad = await ada.agent.post('/browse/c1%24x/suspend').set('x-csrf-token', ada.csrf).set('accept', 'application/json').expect(400);
    expect(bad.body.error.message).toBe('cardId: is not a card id');
    const page = await ada.agent.post('/browse/c1/suspend?page=-1').set('x-csrf-token', ada.csrf).set('accept', 'application/json').expect(400);
    expect(page.body.error.message).toBe('page: must be 1 or more');
    expect(stateRows(t.db)).toEqual([]);
  });

  it('returns 404 for a card that does not exist', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    const response = await ada.agent.post('/browse/c99/suspend').type('form').send({ _csrf: ada.csrf }).expect(404);
    expect(response.text).toContain('That card does not exist.');
    expect(stateRows(t.db)).toEqual([]);
  });

  it('returns 401 when signed out', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    await signIn(t, 'ada');
    // A visitor who is not signed in still gets a CSRF token (bound to an anonymous cookie), so
    // the request passes that check and is refused for not being signed in.
    const visitor = request.agent(t.app);
    const csrf = csrfFrom((await visitor.get('/login')).text);
    await visitor.post('/browse/c1/suspend').set('accept', 'application/json').type('form').send({ _csrf: csrf }).expect(401);
    expect(stateRows(t.db)).toEqual([]);
  });
});
