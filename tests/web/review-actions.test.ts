import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, seedCards, signIn, type TestApp } from '../support/app.js';

const DAY = 24 * 60 * 60 * 1000;

const burials = (t: TestApp) => t.db.all('SELECT user_id, card_id, until_day FROM card_burials ORDER BY card_id');
const stateOf = (t: TestApp, cardId: string) => t.db.first('SELECT * FROM card_states WHERE card_id = ?', [cardId]);
const flags = (t: TestApp) => t.db.all('SELECT user_id, card_id FROM card_flags ORDER BY card_id');
const promptOf = (html: string) => /data-testid="prompt"[^>]*>([^<]*)</.exec(html)?.[1];

describe('burying a card from the review screen', () => {
  it('takes a new card out of today by a form post, back to /review, and brings it back tomorrow', async () => {
    const t = buildTestApp();
    seedCards(t.db, 3);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/review/cards/c1/bury').type('form').send({ _csrf: csrf }).expect(303);
    expect(res.headers.location).toBe('/review');
    expect(burials(t)).toEqual([{ user_id: 1, card_id: 'c1', until_day: '2026-03-11' }]);
    const today = await agent.get('/review').expect(200);
    expect(promptOf(today.text)).toBe('Question 2?');
    expect(today.text).toContain('2 left');
    // The schedule is untouched: the card is still new.
    expect(stateOf(t, 'c1')).toBeUndefined();

    t.clock.advance(DAY);
    const tomorrow = await agent.get('/review').expect(200);
    expect(promptOf(tomorrow.text)).toBe('Question 1?');
    expect(tomorrow.text).toContain('3 left');
  });

  it('skips a buried due review today and shows it again tomorrow, with a fixed clock', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
    t.clock.advance(DAY);
    expect((await agent.get('/api/review/next')).body).toMatchObject({ card: { id: 'c1', queue: 'review' }, counts: { due: 1 } });

    const res = await agent.post('/api/review/cards/c1/bury').set('x-csrf-token', csrf).send({}).expect(200);
    expect(res.body).toMatchObject({
      cardId: 'c1',
      action: 'bury',
      changed: true,
      leftSession: true,
      next: { id: 'c2', queue: 'new' },
      counts: { due: 0, new: 1, left: 1 },
      after: null,
    });
    expect(res.body.buttons).toHaveLength(4);

    t.clock.advance(DAY);
    expect((await agent.get('/api/review/next')).body).toMatchObject({ card: { id: 'c1', queue: 'review' }, counts: { due: 1 } });
  });

  it('skips a buried same-day drill until tomorrow', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent, csrf } = await signIn(t);
    await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'c1', quality: 1 }).expect(200);
    const res = await agent.post('/api/review/cards/c1/bury').set('x-csrf-token', csrf).send({}).expect(200);
    expect(res.body).toMatchObject({ next: null, counts: { left: 0, drill: 0 } });
    t.clock.advance(DAY);
    expect((await agent.get('/api/review/next')).body).toMatchObject({ card: { id: 'c1', queue: 'review' } });
  });

  it('skips buried cards within a class scope too', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    // The counting path for a class's topics is a different query: bury, then scope by topic.
    t.db.run("INSERT INTO classes (id, instructor_id, name, join_code, created_at) VALUES (1, 1, 'A', 'CODE1234', 0)");
    t.db.run("INSERT INTO class_topics (class_id, topic) VALUES (1, 'Docker')");
    t.db.run('INSERT INTO class_members (class_id, user_id, joined_at) VALUES (1, 1, 0)');
    await agent.post('/api/review/cards/c1/bury').set('x-csrf-token', csrf).send({}).expect(200);
    expect((await agent.get('/api/review/next')).body).toMatchObject({ card: { id: 'c2' }, counts: { new: 1, left: 1 } });
  });

  it('undoes a bury through the API: the card is back in today’s session', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    await agent.post('/api/review/cards/c1/bury').set('x-csrf-token', csrf).send({}).expect(200);
    const res = await agent.post('/api/review/cards/c1/unbury').set('x-csrf-token', csrf).send({}).expect(200);
    expect(res.body).toMatchObject({ changed: true, leftSession: false, next: { id: 'c1' }, counts: { left: 2 } });
    expect(burials(t)).toEqual([]);
  });

  it('keeps one learner’s burial to that learner', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const ada = await signIn(t);
    const bob = await signIn(t, 'bob');
    await ada.agent.post('/review/cards/c1/bury').type('form').send({ _csrf: ada.csrf }).expect(303);
    expect((await bob.agent.get('/api/review/next')).body).toMatchObject({ card: { id: 'c1' }, counts: { left: 2 } });
    expect((await ada.agent.get('/api/review/next')).body).toMatchObject({ card: { id: 'c2' }, counts: { left: 1 } });
  });
});

describe('suspending and flagging from the review screen', () => {
  it('suspends by a form post, back to /review, with the next card showing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/review/cards/c1/suspend').type('form').send({ _csrf: csrf }).expect(303);
    expect(res.headers.location).toBe('/review');
    expect(stateOf(t, 'c1')).toMatchObject({ suspended: 1, due_day: null });
    const page = await agent.get('/review');
    expect(promptOf(page.text)).toBe('Question 2?');
    expect(page.text).toContain('1 left');
  });

  it('suspends through the API with the next card in the reply, and unsuspends', async () => {
    const t = buildTestApp();
    seedCards(t.db, 3);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/api/review/cards/c1/suspend').set('x-csrf-token', csrf).send({}).expect(200);
    expect(res.body).toMatchObject({ changed: true, leftSession: true, next: { id: 'c2' }, after: { card: { id: 'c3' } }, counts: { left: 2 } });
    const back = await agent.post('/api/review/cards/c1/unsuspend').set('x-csrf-token', csrf).send({}).expect(200);
    expect(back.body).toMatchObject({ changed: true, next: { id: 'c1' }, counts: { left: 3 } });
  });

  it('flags by a form post and comes back to the same card, revealed as it was', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/review/cards/c1/flag').type('form').send({ _csrf: csrf, reveal: '1' }).expect(303);
    expect(res.headers.location).toBe('/review?card=c1&reveal=1');
    expect(flags(t)).toEqual([{ user_id: 1, card_id: 'c1' }]);
    const page = await agent.get(res.headers.location as string).expect(200);
    expect(promptOf(page.text)).toBe('Question 1?');
    expect(page.text).toMatch(/action="\/review\/cards\/c1\/unflag" data-action="unflag"/);
    expect(page.text).toContain('aria-pressed="true"');
    const unflag = await agent.post('/review/cards/c1/unflag').type('form').send({ _csrf: csrf }).expect(303);
    expect(unflag.headers.location).toBe('/review?card=c1');
    expect(flags(t)).toEqual([]);
  });

  it('flags through the API: the card stays, and the reply and the card after it carry the flag', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const { agent, csrf } = await signIn(t);
    const other = await agent.post('/api/review/cards/c2/flag').set('x-csrf-token', csrf).send({}).expect(200);
    expect(other.body).toMatchObject({ next: { id: 'c1' }, flagged: false, after: { card: { id: 'c2' }, flagged: true } });
    const res = await agent.post('/api/review/cards/c1/flag').set('x-csrf-token', csrf).send({}).expect(200);
    expect(res.body).toMatchObject({ changed: true, leftSession: false, next: { id: 'c1' }, flagged: true, counts: { left: 2 } });
    const again = await agent.post('/api/review/cards/c1/flag').set('x-csrf-token', csrf).send({}).expect(200);
    expect(again.body).toMatchObject({ changed: false, flagged: true });
  });
});

describe('card actions refuse what they should', () => {
  it.each(['bury', 'suspend', 'flag'])('refuses %s without the CSRF token with 403 and changes nothing', async (action) => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent } = await signIn(t);
    const form = await agent.post(`/review/cards/c1/${action}`).type('form').send({});
    expect(form.status).toBe(403);
    expect(form.text).toContain('This form has expired or came from another site.');
    const api = await agent.post(`/api/review/cards/c1/${action}`).set('x-csrf-token', 'not-the-token').send({});
    expect(api.status).toBe(403);
    expect(api.body.error).toMatchObject({ id: 'csrf' });
    expect(burials(t)).toEqual([]);
    expect(flags(t)).toEqual([]);
    expect(stateOf(t, 'c1')).toBeUndefined();
  });

  it('answers 400 with the field for a malformed card id or an unknown action', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent, csrf } = await signIn(t);
    const badId = await agent.post('/api/review/cards/c%201/bury').set('x-csrf-token', csrf).send({});
    expect(badId.status).toBe(400);
    expect(badId.body).toEqual({ error: { id: 'bad_request', message: 'cardId: is not a card id' } });
    const badAction = await agent.post('/api/review/cards/c1/explode').set('x-csrf-token', csrf).send({});
    expect(badAction.status).toBe(400);
    expect(badAction.body.error.message).toBe('action: must be one of suspend, unsuspend, bury, unbury, flag, unflag');
    const form = await agent.post('/review/cards/c%201/suspend').type('form').send({ _csrf: csrf });
    expect(form.status).toBe(400);
    expect(form.text).toContain('cardId: is not a card id');
    expect(burials(t)).toEqual([]);
  });

  it('answers 404 for a missing card and for a card that is not the learner’s, and changes nothing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 3);
    const ada = await signIn(t);
    const bob = await signIn(t, 'bob');
    // c2 is a draft only bob accepted: it is in his deck, not ada's. c3 is one ada rejected.
    t.db.run("UPDATE cards SET draft = 1 WHERE id = 'c2'");
    t.db.run("INSERT INTO card_overrides (user_id, card_id, decision, decided_at) VALUES (2, 'c2', 'accepted', 0), (1, 'c3', 'rejected', 0)");
    for (const [cardId, action] of [['c99', 'bury'], ['c2', 'bury'], ['c2', 'suspend'], ['c2', 'flag'], ['c3', 'suspend']] as const) {
      const res = await ada.agent.post(`/api/review/cards/${cardId}/${action}`).set('x-csrf-token', ada.csrf).send({});
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { id: 'not_found', message: 'That card does not exist.' } });
    }
    expect((await ada.agent.post('/review/cards/c2/bury').type('form').send({ _csrf: ada.csrf })).status).toBe(404);
    expect(burials(t)).toEqual([]);
    expect(flags(t)).toEqual([]);
    expect(t.db.all('SELECT * FROM card_states')).toEqual([]);
    // The card is bob's to act on.
    await bob.agent.post('/api/review/cards/c2/flag').set('x-csrf-token', bob.csrf).send({}).expect(200);
  });

  it('answers 401 when signed out', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    await signIn(t);
    const res = await request(t.app).post('/api/review/cards/c1/bury').send({});
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { id: 'unauthorized', message: 'Sign in to continue.' } });
    expect((await request(t.app).post('/review/cards/c1/bury').type('form').send({})).status).toBe(401);
    expect(burials(t)).toEqual([]);
  });
});

describe('the review page lists its card actions and shortcuts', () => {
  it('has a form per action for the card on screen, a card info link and the shortcuts dialog', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const { agent } = await signIn(t);
    const page = await agent.get('/review').expect(200);
    for (const action of ['bury', 'suspend', 'flag']) expect(page.text).toContain(`action="/review/cards/c1/${action}"`);
    expect(page.text).toContain('href="/browse/cards/c1?from=review"');
    const info = await agent.get('/browse/cards/c1?from=review').expect(200);
    expect(info.text).toContain('<a href="/review?card=c1">← Back to review</a>');
    expect(page.text).toMatch(/<dialog id="shortcuts"[^>]*role="dialog"[^>]*aria-modal="true"[^>]*aria-labelledby="shortcuts-title"/);
    for (const key of ['space', '1', '4', 'u', 'e', '-', '@', '!', 'f', 'i', '?', 'Esc']) expect(page.text).toContain(`<kbd>${key}</kbd>`);
  });
});
