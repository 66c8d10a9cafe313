import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, csrfFrom, seedCards, signIn, type SignedInAgent } from '../support/app.js';

const rowIds = (html: string) => [...html.matchAll(/<tr data-card-id="([^"]+)"/g)].map((m) => m[1]);
const stateRows = (db: Database) => db.all('SELECT user_id, card_id, suspended FROM card_states ORDER BY user_id, card_id');
const flagRows = (db: Database) => db.all('SELECT user_id, card_id FROM card_flags ORDER BY user_id, card_id');
const answer = (who: SignedInAgent, cardId: string, quality: number) =>
  who.agent.post('/api/review/answer').set('x-csrf-token', who.csrf).send({ cardId, quality }).expect(200);

describe('GET /browse with the search syntax', () => {
  it('finds cards by phrase, topic, kind and state, and explains the syntax on the page', async () => {
    const t = buildTestApp();
    seedCards(t.db, 4);
    t.db.run(`UPDATE cards SET topic = 'Kubernetes › Pods', kind = 'command' WHERE id IN ('c3', 'c4')`);
    const ada = await signIn(t, 'ada');
    await answer(ada, 'c1', 5); // due tomorrow
    t.clock.advance(24 * 3600_000);

    const ids = async (q: string) => rowIds((await ada.agent.get('/browse').query({ q }).expect(200)).text);
    expect(await ids('"Question 1?"')).toEqual(['c1']);
    expect(await ids('topic:kubernetes')).toEqual(['c3', 'c4']);
    expect(await ids('topic:kubernetes::pods -kind:basic')).toEqual(['c3', 'c4']);
    expect(await ids('is:due')).toEqual(['c1']);
    expect(await ids('is:new topic:docker')).toEqual(['c2']);
    expect(await ids('"Answer 2" OR kind:command')).toEqual(['c2', 'c3', 'c4']);

    const page = await ada.agent.get('/browse').expect(200);
    expect(page.text).toMatch(/<details class="card search-help" id="search-help">\s*<summary>Search syntax<\/summary>/);
    expect(page.text).toContain('<code>is:due</code>');
    expect(page.text).toContain('id="card-c1"');
    expect(page.text).toContain('href="/browse/cards/c1"');
    expect(page.text).not.toMatch(/\sstyle=/);
  });

  it('shows a malformed search on the page with 400, the column marked and no results', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const ada = await signIn(t, 'ada');
    const page = await ada.agent.get('/browse').query({ q: 'docker "run', page: '2' }).expect(400);
    expect(page.text).toContain('Search: unclosed quote at column 8');
    expect(page.text).toContain('value="docker &#34;run"');
    expect(page.text).toContain('<code class="search-echo">docker <mark>&#34;</mark>run</code>');
    expect(page.text).toContain('aria-invalid="true"');
    expect(rowIds(page.text)).toEqual([]);
    expect(page.text).toContain('Fix the search to see cards.');

    const unknown = await ada.agent.get('/browse?q=is%3Axyz').expect(400);
    expect(unknown.text).toContain('Search: unknown is:xyz at column 1 — use due, new, suspended, flagged');
  });

  it('answers a malformed search as JSON with the field and message', async () => {
    const t = buildTestApp();
    const ada = await signIn(t, 'ada');
    const response = await ada.agent.get('/browse?q=(a%20OR%20b').set('accept', 'application/json').expect(400);
    expect(response.body.error).toEqual({ id: 'bad_request', message: 'q: unclosed "(" at column 1' });
  });
});

describe('POST /browse/selected', () => {
  it('suspends and unsuspends the selected cards and returns to the same search, page and row', async () => {
    const t = buildTestApp();
    seedCards(t.db, 60);
    const ada = await signIn(t, 'ada');
    const suspended = await ada.agent
      .post('/browse/selected?q=Question&page=2')
      .type('form')
      .send({ _csrf: ada.csrf, action: 'suspend', ids: ['c52', 'c55'] })
      .expect(303);
    expect(suspended.headers.location).toBe('/browse?q=Question&page=2#card-c52');
    expect(stateRows(t.db)).toEqual([
      { user_id: 1, card_id: 'c52', suspended: 1 },
      { user_id: 1, card_id: 'c55', suspended: 1 },
    ]);
    expect(rowIds((await ada.agent.get('/browse?q=is%3Asuspended').expect(200)).text)).toEqual(['c52', 'c55']);

    // One checkbox sends a single value rather than a list.
    await ada.agent.post('/browse/selected').type('form').send({ _csrf: ada.csrf, action: 'unsuspend', ids: 'c55' }).expect(303, /#card-c55$/);
    expect(stateRows(t.db)).toEqual([
      { user_id: 1, card_id: 'c52', suspended: 1 },
      { user_id: 1, card_id: 'c55', suspended: 0 },
    ]);
  });

  it('flags and unflags the selected cards for this learner only', async () => {
    const t = buildTestApp();
    seedCards(t.db, 3);
    const ada = await signIn(t, 'ada');
    const bob = await signIn(t, 'bob');
    await ada.agent.post('/browse/selected').type('form').send({ _csrf: ada.csrf, action: 'flag', ids: ['c1', 'c3'] }).expect(303);
    const flagged = await ada.agent.get('/browse?q=is%3Aflagged').expect(200);
    expect(rowIds(flagged.text)).toEqual(['c1', 'c3']);
    expect(flagged.text).toContain('<span class="badge warn">flagged</span>');
    expect(rowIds((await bob.agent.get('/browse?q=is%3Aflagged').expect(200)).text)).toEqual([]);
    await ada.agent.post('/browse/selected').type('form').send({ _csrf: ada.csrf, action: 'unflag', ids: ['c1'] }).expect(303);
    expect(flagRows(t.db)).toEqual([{ user_id: 1, card_id: 'c3' }]);
  });

  it('offers the selection as checkboxes of one form with the page’s query', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const ada = await signIn(t, 'ada');
    const page = await ada.agent.get('/browse?q=Question').expect(200);
    expect(page.text).toContain('<form method="post" action="/browse/selected?q=Question" id="selected"');
    expect(page.text).toContain('<input type="checkbox" name="ids" value="c1" form="selected"');
    expect(page.text).toContain('<button type="submit" name="action" value="suspend" class="small-button">Suspend selected</button>');
    expect(page.text).toContain('<button type="submit" name="action" value="unsuspend" class="small-button">Unsuspend selected</button>');
  });

  it('returns 403 without a CSRF token and changes nothing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const ada = await signIn(t, 'ada');
    const response = await ada.agent
      .post('/browse/selected')
      .set('accept', 'application/json')
      .type('form')
      .send({ action: 'suspend', ids: ['c1', 'c2'] })
      .expect(403);
    expect(response.body.error.id).toBe('csrf');
    expect(stateRows(t.db)).toEqual([]);
  });

  it('returns 400 for bad ids, too many ids, none or a bad action, and changes nothing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const ada = await signIn(t, 'ada');
    const post = (body: Record<string, unknown>, query = '') =>
      ada.agent.post(`/browse/selected${query}`).set('accept', 'application/json').type('form').send({ _csrf: ada.csrf, ...body }).expect(400);
    expect((await post({ action: 'suspend', ids: ['c1', 'c2$x'] })).body.error.message).toBe('ids.1: is not a card id');
    expect((await post({ action: 'suspend', ids: ['c1', 'x'.repeat(65)] })).body.error.message).toBe('ids.1: is not a card id');
    expect((await post({ action: 'suspend' })).body.error.message).toBe('ids: select at least one card');
    const many = Array.from({ length: 501 }, (_, i) => `c${i}`);
    expect((await post({ action: 'suspend', ids: many })).body.error.message).toBe('ids: at most 500 cards at once');
    expect((await post({ action: 'delete', ids: ['c1'] })).body.error.message).toBe('action: must be one of suspend, unsuspend, flag, unflag');
    expect((await post({ action: 'suspend', ids: ['c1'] }, '?page=0')).body.error.message).toBe('page: must be 1 or more');
    expect(stateRows(t.db)).toEqual([]);
    expect(flagRows(t.db)).toEqual([]);
  });

  it('returns 404 when one selected card does not exist, and changes none of them', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const ada = await signIn(t, 'ada');
    const response = await ada.agent
      .post('/browse/selected')
      .set('accept', 'application/json')
      .type('form')
      .send({ _csrf: ada.csrf, action: 'suspend', ids: ['c1', 'c99', 'c2'] })
      .expect(404);
    expect(response.body.error.message).toBe('Card c99 does not exist; nothing was changed.');
    expect(stateRows(t.db)).toEqual([]);
  });

  it('returns 401 when signed out', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    await signIn(t, 'ada');
    const visitor = request.agent(t.app);
    const csrf = csrfFrom((await visitor.get('/login')).text);
    await visitor.post('/browse/selected').set('accept', 'application/json').type('form').send({ _csrf: csrf, action: 'suspend', ids: 'c1' }).expect(401);
    expect(stateRows(t.db)).toEqual([]);
  });
});

describe('GET /browse/cards/:cardId', () => {
  it('shows the card, its source, the learner’s schedule and answers, and links back to the search', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const ada = await signIn(t, 'ada');
    await answer(ada, 'c1', 5);
    t.clock.advance(24 * 3600_000);
    await answer(ada, 'c1', 3);

    const page = await ada.agent.get('/browse/cards/c1?q=Question&page=1').expect(200);
    expect(page.text).toContain('<dd class="text" data-testid="prompt">Question 1?</dd>');
    expect(page.text).toContain('<dd class="text" data-testid="answer">Answer 1</dd>');
    expect(page.text).toContain('Docker › Basics · basic · from <code>test.md:1</code>');
    expect(page.text).toMatch(/<dt>Due<\/dt><dd>2026-03-17 · again today, until graded Good or Easy<\/dd>\s*<dt>Interval<\/dt><dd>6 d<\/dd>\s*<dt>Ease<\/dt><dd>2.46<\/dd>\s*<dt>Reviews in a row<\/dt><dd>2<\/dd>/);
    const history = [...page.text.matchAll(/<tr>\s*<td>([^<]+)<\/td>\s*<td>([^<]+)<\/td>\s*<td>([^<]+)<\/td>\s*<td>([^<]+)<\/td>/g)].map((m) => m.slice(1));
    expect(history).toEqual([
      ['2026-03-11, 12:00', '2026-03-11', 'Hard (3)', '6 d'],
      ['2026-03-10, 12:00', '2026-03-10', 'Easy (5)', '1 d'],
    ]);
    expect(page.text).toContain('href="/browse?q=Question#card-c1"');
    expect(page.text).toContain('action="/browse/cards/c1/suspend?q=Question"');
    expect(page.text).toContain('action="/browse/cards/c1/flag?q=Question"');
  });

  it('shows nothing of another learner’s: their edits, schedule, flag or answers', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    const bob = await signIn(t, 'bob');
    await answer(bob, 'c1', 5);
    await bob.agent.post('/browse/selected').type('form').send({ _csrf: bob.csrf, action: 'flag', ids: 'c1' }).expect(303);
    await bob.agent.post('/browse/c1/suspend').type('form').send({ _csrf: bob.csrf }).expect(303);
    await bob.agent
      .post('/cards/c1/edit')
      .type('form')
      .send({ _csrf: bob.csrf, prompt: 'Bob’s own prompt', answer: 'Bob’s own answer', accepted: '', back: '/browse' })
      .expect(303);

    const page = await ada.agent.get('/browse/cards/c1').expect(200);
    expect(page.text).toContain('data-testid="prompt">Question 1?</dd>');
    expect(page.text).not.toContain('Bob’s own');
    expect(page.text).toContain('You have not answered this card yet.');
    expect(page.text).toMatch(/<dt>Due<\/dt><dd>new<\/dd>/);
    expect(page.text).not.toContain('badge warn">flagged');
    expect(page.text).not.toContain('badge warn">suspended');
    expect(page.text).toContain('>Suspend</button>');
    expect(page.text).toContain('>Flag</button>');

    const own = await bob.agent.get('/browse/cards/c1').expect(200);
    expect(own.text).toContain('Bob’s own prompt');
    expect(own.text).toContain('Easy (5)');
  });

  it('returns 404 for a card that does not exist, 400 for a bad id and 401 when signed out', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    expect((await ada.agent.get('/browse/cards/c99').expect(404)).text).toContain('That card does not exist.');
    const bad = await ada.agent.get('/browse/cards/c1$x').set('accept', 'application/json').expect(400);
    expect(bad.body.error.message).toBe('cardId: is not a card id');
    await request(t.app).get('/browse/cards/c1').set('accept', 'application/json').expect(401);
  });
});

describe('POST /browse/cards/:cardId/:action', () => {
  it('flags, suspends and reverses both, and returns to the card with the search', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    const flag = await ada.agent.post('/browse/cards/c1/flag?q=Question').type('form').send({ _csrf: ada.csrf }).expect(303);
    expect(flag.headers.location).toBe('/browse/cards/c1?q=Question');
    const suspend = await ada.agent.post('/browse/cards/c1/suspend').type('form').send({ _csrf: ada.csrf }).expect(303);
    expect(suspend.headers.location).toBe('/browse/cards/c1');
    const page = await ada.agent.get('/browse/cards/c1').expect(200);
    expect(page.text).toContain('<span class="badge warn">flagged</span>');
    expect(page.text).toContain('<span class="badge warn">suspended</span>');
    expect(page.text).toContain('>Unsuspend</button>');
    expect(page.text).toContain('>Unflag</button>');
    await ada.agent.post('/browse/cards/c1/unflag').type('form').send({ _csrf: ada.csrf }).expect(303);
    await ada.agent.post('/browse/cards/c1/unsuspend').type('form').send({ _csrf: ada.csrf }).expect(303);
    expect(flagRows(t.db)).toEqual([]);
    expect(stateRows(t.db)).toEqual([{ user_id: 1, card_id: 'c1', suspended: 0 }]);
  });

  it('returns 403 without a CSRF token and 400 for a bad action, changing nothing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    await ada.agent.post('/browse/cards/c1/flag').set('accept', 'application/json').type('form').send({}).expect(403);
    const bad = await ada.agent.post('/browse/cards/c1/bury').set('accept', 'application/json').type('form').send({ _csrf: ada.csrf }).expect(400);
    expect(bad.body.error.message).toBe('action: must be one of suspend, unsuspend, flag, unflag');
    expect(flagRows(t.db)).toEqual([]);
    expect(stateRows(t.db)).toEqual([]);
  });
});
