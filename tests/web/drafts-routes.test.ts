import { describe, expect, it } from 'vitest';
import { insertCards } from '../quiz/quiz-cards.js';
import { buildTestApp, seedCards, signIn, type TestApp } from '../support/app.js';

/** Cards c1..c<n>, the listed ones stored as drafts (low confidence). */
function withDrafts(t: TestApp, count: number, drafts: string[]): void {
  seedCards(t.db, count);
  t.db.run(`UPDATE cards SET draft = 1, confidence = 0.4 WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify(drafts)]);
}

const overrides = (t: TestApp) => t.db.all('SELECT * FROM card_overrides ORDER BY user_id, card_id');
const reviewPrompt = (html: string) => /data-testid="prompt"[^>]*>([^<]*)</.exec(html)?.[1];

describe('the drafts page', () => {
  it('lists each draft with its source, topic, prompt and answer, escaped, and links it from home and the nav', async () => {
    const t = buildTestApp();
    withDrafts(t, 3, ['c2', 'c3']);
    t.db.run(`UPDATE cards SET prompt = '<img src=x onerror=alert(1)>' WHERE id = 'c2'`);
    const ada = await signIn(t);
    const home = await ada.agent.get('/').expect(200);
    expect(home.text).toContain('<a href="/drafts">2 drafts wait</a>');
    expect(home.text).toContain('href="/drafts"');
    const page = await ada.agent.get('/drafts').expect(200);
    expect(page.text).toContain('2 cards wait for you');
    expect(page.text).toContain('<code>test.md:2</code>');
    expect(page.text).toContain('Docker › Basics');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('Answer 3');
    expect(page.text).toContain('action="/cards/c3/accept"');
    expect(page.text).toContain('action="/cards/c3/reject"');
    expect(page.text).toContain('href="/cards/c3/edit?back=%2Fdrafts"');
    expect(page.text).toContain('Accept all 2 from this file');
  });

  it('keeps a draft out of the review queue until it is accepted', async () => {
    const t = buildTestApp();
    withDrafts(t, 2, ['c1']);
    const ada = await signIn(t);
    const next = await ada.agent.get('/api/review/next').expect(200);
    expect(next.body.card.id).toBe('c2');
    expect(next.body.counts.new).toBe(1);
    await ada.agent.post('/api/review/answer').set('x-csrf-token', ada.csrf).send({ cardId: 'c1', quality: 5 }).expect(409);

    await ada.agent.post('/cards/c1/accept').type('form').send({ _csrf: ada.csrf, back: '/drafts' }).expect(303).expect('location', '/drafts');
    const after = await ada.agent.get('/api/review/next').expect(200);
    expect(after.body.card.id).toBe('c1');
    expect(after.body.counts.new).toBe(2);
    expect((await ada.agent.get('/drafts')).text).toContain('No drafts waiting.');
  });

  it('accepts every draft of one file at once', async () => {
    const t = buildTestApp();
    withDrafts(t, 3, ['c1', 'c2', 'c3']);
    t.db.run(`UPDATE cards SET source_file = 'other.md' WHERE id = 'c3'`);
    const ada = await signIn(t);
    await ada.agent.post('/drafts/accept-file').type('form').send({ _csrf: ada.csrf, file: 'test.md' }).expect(303);
    expect(t.db.all("SELECT card_id FROM card_overrides WHERE decision = 'accepted' ORDER BY card_id")).toEqual([{ card_id: 'c1' }, { card_id: 'c2' }]);
  });

  it('takes a rejected card from that learner only', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    const bob = await signIn(t, 'bob');
    await ada.agent.post('/cards/c1/reject').type('form').send({ _csrf: ada.csrf, back: '/review' }).expect(303).expect('location', '/review');
    expect((await ada.agent.get('/api/review/next')).body.card).toBeNull();
    expect((await bob.agent.get('/api/review/next')).body.card.id).toBe('c1');
    const drafts = await ada.agent.get('/drafts').expect(200);
    expect(drafts.text).toContain('action="/cards/c1/restore"');
  });

  it('refuses a form without its CSRF token with 403 and changes nothing', async () => {
    const t = buildTestApp();
    withDrafts(t, 1, ['c1']);
    const ada = await signIn(t);
    const res = await ada.agent.post('/cards/c1/accept').type('form').send({ back: '/drafts' }).expect(403);
    expect(res.text).toContain('This form has expired or came from another site.');
    await ada.agent.post('/cards/c1/edit').type('form').send({ prompt: 'p', answer: 'a', back: '/drafts' }).expect(403);
    await ada.agent.post('/drafts/accept-file').type('form').send({ _csrf: 'forged', file: 'test.md' }).expect(403);
    expect(overrides(t)).toEqual([]);
  });
});

describe('editing a card', () => {
  it('shows the edit form from review and browse, saves the edit and goes back where the learner was', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const ada = await signIn(t);
    const review = await ada.agent.get('/review?reveal=1').expect(200);
    // Back to the same card, revealed: the review page's address follows the card.
    expect(review.text).toContain('href="/cards/c1/edit?back=%2Freview%3Fcard%3Dc1%26reveal%3D1"');
    const browse = await ada.agent.get('/browse?q=question').expect(200);
    expect(browse.text).toContain('href="/cards/c1/edit?back=%2Fbrowse%3Fq%3Dquestion"');

    const form = await ada.agent.get('/cards/c1/edit').query({ back: '/review?reveal=1' }).expect(200);
    expect(form.text).toContain('name="back" value="/review?reveal=1"');
    expect(form.text).toMatch(/<textarea name="prompt"[^>]*>Question 1\?<\/textarea>/);
    await ada.agent
      .post('/cards/c1/edit')
      .type('form')
      .send({ _csrf: ada.csrf, prompt: 'What is the first answer?', answer: 'Answer 1', accepted: 'first\r\n\r\n  answer one  \n', back: '/review?reveal=1' })
      .expect(303)
      .expect('location', '/review?reveal=1');
    expect(overrides(t)).toMatchObject([{ card_id: 'c1', prompt: 'What is the first answer?', answer: null, accepted_answers: '["first","answer one"]', decision: null }]);

    expect(reviewPrompt((await ada.agent.get('/review')).text)).toBe('What is the first answer?');
    expect((await ada.agent.get('/browse')).text).toContain('What is the first answer? <span class="badge">edited</span>');
    // Another learner still sees the notes' text.
    const bob = await signIn(t, 'bob');
    expect(reviewPrompt((await bob.agent.get('/review')).text)).toBe('Question 1?');

    await ada.agent.post('/cards/c1/revert').type('form').send({ _csrf: ada.csrf, back: '/browse' }).expect(303);
    expect(overrides(t)).toEqual([]);
  });

  it('returns 400 with the message and the typed text on bad input, and changes nothing', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t);
    const send = (body: Record<string, string>) => ada.agent.post('/cards/c1/edit').type('form').send({ _csrf: ada.csrf, back: '/browse', ...body });

    const blank = await send({ prompt: '   ', answer: 'kept <b>text</b>' }).expect(400);
    expect(blank.text).toContain('<p class="error" role="alert">prompt: is required</p>');
    expect(blank.text).toContain('kept &lt;b&gt;text&lt;/b&gt;</textarea>');
    expect(blank.text).toContain('name="back" value="/browse"');
    expect((await send({ prompt: 'p', answer: 'a'.repeat(2001) }).expect(400)).text).toContain('answer: must be at most 2000 characters');
    const many = Array.from({ length: 21 }, (_, i) => `answer ${i}`).join('\n');
    expect((await send({ prompt: 'p', answer: 'a', accepted: many }).expect(400)).text).toContain('accepted: at most 20 answers, one per line');
    expect((await send({ prompt: 'p', answer: 'a', back: 'https://evil.example/' }).expect(400)).text).toContain('back: must be a Deckhand page');
    expect((await send({ prompt: 'p', answer: 'a', back: '//evil.example/review' }).expect(400)).text).toContain('back: must be a Deckhand page');
    const json = await ada.agent.get('/cards/c1/edit?back=/elsewhere').set('accept', 'application/json').expect(400);
    expect(json.body.error.message).toBe('back: must be a Deckhand page');
    expect(overrides(t)).toEqual([]);
    await ada.agent.get('/cards/nope/edit').expect(404);
  });

  it('saves a draft’s edit and accepts it with one button', async () => {
    const t = buildTestApp();
    withDrafts(t, 1, ['c1']);
    const ada = await signIn(t);
    const form = await ada.agent.get('/cards/c1/edit?back=/drafts').expect(200);
    expect(form.text).toContain('Save and accept');
    await ada.agent
      .post('/cards/c1/edit')
      .type('form')
      .send({ _csrf: ada.csrf, prompt: 'Fixed question?', answer: 'Fixed answer', accept: '1', back: '/drafts' })
      .expect(303);
    const next = await ada.agent.get('/api/review/next').expect(200);
    expect(next.body.card).toMatchObject({ id: 'c1', prompt: 'Fixed question?', answer: 'Fixed answer' });
  });
});

describe('"I was right" in a quiz', () => {
  it('regrades a wrong typed answer with the chosen button, logs both grades and accepts the answer next time', async () => {
    const t = buildTestApp();
    insertCards(t.db, [{ id: 'etcd', prompt: 'Which store keeps the cluster state?', answer: 'etcd', answerMode: 'words' }]);
    const { agent, csrf } = await signIn(t);
    const created = await agent.post('/quiz').type('form').send({ _csrf: csrf, topics: ['Docker'], count: '5' }).expect(303);
    const quiz = created.headers.location ?? '';
    await agent.post(`${quiz}/1`).type('form').send({ _csrf: csrf, answer: 'the etcd database' }).expect(303);
    const wrong = await agent.get(`${quiz}/1`).expect(200);
    expect(wrong.text).toContain('Not quite.');
    expect(wrong.text).toContain(`action="${quiz}/1/override"`);

    await agent.post(`${quiz}/1/override`).type('form').send({ _csrf: csrf, quality: '2' }).expect(400);
    await agent.post(`${quiz}/1/override`).type('form').send({ quality: '4' }).expect(403);
    await agent.post(`${quiz}/1/override`).type('form').send({ _csrf: csrf, quality: '4', acceptGiven: '1' }).expect(303);

    const log = t.db.all<{ id: number; quality: number; undone_at: number | null; corrects_id: number | null; kind: string }>(
      'SELECT id, quality, undone_at, corrects_id, kind FROM review_log ORDER BY id',
    );
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ quality: 1, kind: 'quiz', corrects_id: null });
    expect(log[0]?.undone_at).not.toBeNull();
    expect(log[1]).toMatchObject({ quality: 4, kind: 'quiz', undone_at: null, corrects_id: log[0]?.id });
    // Graded 4 from the new state: the first interval, not a reset.
    expect(t.db.first('SELECT repetitions, interval_days, easiness FROM card_states')).toEqual({ repetitions: 1, interval_days: 1, easiness: 250 });
    expect(t.db.first('SELECT correct, quality, review_log_id FROM quiz_questions')).toEqual({ correct: 1, quality: 4, review_log_id: log[1]?.id });
    const page = await agent.get(`${quiz}/1`).expect(200);
    expect(page.text).toContain('Counted as right: you said you were right.');
    expect(page.text).not.toContain('/override"');
    expect((await agent.get(`${quiz}/result`)).text).toContain('1 / 1');
    await agent.post(`${quiz}/1/override`).type('form').send({ _csrf: csrf, quality: '5' }).expect(409);

    // The typed answer is now accepted for this card in the next quiz.
    expect(t.db.first<{ accepted_answers: string }>('SELECT accepted_answers FROM card_overrides')?.accepted_answers).toBe('["the etcd database"]');
    const again = await agent.post('/quiz').type('form').send({ _csrf: csrf, topics: ['Docker'], count: '5' }).expect(303);
    await agent.post(`${again.headers.location}/1`).type('form').send({ _csrf: csrf, answer: 'the etcd database' }).expect(303);
    expect((await agent.get(`${again.headers.location}/1`)).text).toContain('Right!');
  });
});
