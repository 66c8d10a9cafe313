import { describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../support/app.js';

const IMAGES = 'Containers with Docker › Images';
const IMAGES_QUERY = `?topic=${encodeURIComponent(IMAGES)}`;

/** Cards in order: two under "Images", one next to it, one whose name only starts the same, one elsewhere. */
function seedTopics(t: TestApp): void {
  const cards: [string, string][] = [
    ['net', 'Containers with Docker › Networks'],
    ['img', IMAGES],
    ['layers', `${IMAGES} › Layers`],
    ['imagesque', 'Containers with Docker › Imagesque'],
    ['pods', 'Kubernetes › Pods'],
  ];
  cards.forEach(([id, topic], i) =>
    t.db.run(
      `INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
       VALUES (?, 'basic', ?, ?, ?, 'topics.md', ?, ?, 0, 0)`,
      [id, topic, `Question ${id}?`, `Answer ${id}`, i + 1, i + 1],
    ),
  );
}

const logCount = (t: TestApp) => t.db.first<{ n: number }>('SELECT count(*) AS n FROM review_log')?.n ?? 0;
const stateCount = (t: TestApp) => t.db.first<{ n: number }>('SELECT count(*) AS n FROM card_states')?.n ?? 0;

function joinClass(t: TestApp, topic: string): void {
  t.db.run("INSERT INTO classes (id, instructor_id, name, join_code, created_at) VALUES (1, 1, 'A', 'CODE1234', 0)");
  t.db.run('INSERT INTO class_topics (class_id, topic) VALUES (1, ?)', [topic]);
  t.db.run('INSERT INTO class_members (class_id, user_id, joined_at) VALUES (1, 1, 0)');
}

describe('studying one topic or sub-topic in review', () => {
  it('shows only cards at the topic or under it, by whole segments, and says so with a way back', async () => {
    const t = buildTestApp();
    seedTopics(t);
    const { agent } = await signIn(t);
    const page = await agent.get(`/review${IMAGES_QUERY}`).expect(200);
    expect(page.text).toContain('data-card-id="img"');
    expect(page.text).toMatch(/Studying: <strong>Containers with Docker › Images<\/strong> · <a href="\/review">all topics<\/a>/);
    expect(page.text).toContain('data-testid="left">2 left');
    expect(page.text).toContain(`action="/review/answer${IMAGES_QUERY}"`);
    expect(page.text).toContain(`action="/review/undo${IMAGES_QUERY}"`);
    expect(page.text).toContain(`href="/review?card=img&amp;reveal=1&amp;topic=${encodeURIComponent(IMAGES)}"`);

    const all = await agent.get('/review').expect(200);
    expect(all.text).toContain('data-card-id="net"');
    expect(all.text).not.toContain('data-testid="studying"');
    expect(all.text).toContain('data-testid="left">5 left');
  });

  it('keeps the topic through an answer sent as a form', async () => {
    const t = buildTestApp();
    seedTopics(t);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post(`/review/answer${IMAGES_QUERY}`).type('form').send({ _csrf: csrf, cardId: 'img', quality: '5' }).expect(303);
    expect(res.headers.location).toBe(`/review${IMAGES_QUERY}`);
    const next = await agent.get(res.headers.location ?? '').expect(200);
    expect(next.text).toContain('data-card-id="layers"');
    expect(next.text).toContain('data-testid="left">1 left');
    const last = await agent.post(`/review/answer${IMAGES_QUERY}`).type('form').send({ _csrf: csrf, cardId: 'layers', quality: '5' }).expect(303);
    const done = await agent.get(last.headers.location ?? '').expect(200);
    expect(done.text).not.toContain('data-card-id=');
    expect(done.text).toContain('data-testid="studying"');
  });

  it('keeps the topic through the JSON API: next, answer (in the query or the body) and undo', async () => {
    const t = buildTestApp();
    seedTopics(t);
    const { agent, csrf } = await signIn(t);
    const next = await agent.get(`/api/review/next${IMAGES_QUERY}`).expect(200);
    expect(next.body).toMatchObject({ card: { id: 'img' }, after: { card: { id: 'layers' } }, counts: { left: 2 } });

    const answered = await agent.post(`/api/review/answer${IMAGES_QUERY}`).set('x-csrf-token', csrf).send({ cardId: 'img', quality: 5 }).expect(200);
    expect(answered.body).toMatchObject({ saved: true, next: { id: 'layers' }, after: null, counts: { left: 1 } });

    const undone = await agent.post(`/api/review/undo${IMAGES_QUERY}`).set('x-csrf-token', csrf).send({}).expect(200);
    expect(undone.body).toMatchObject({ undone: 'img', next: { id: 'img' }, after: { card: { id: 'layers' } }, counts: { left: 2 } });

    const inBody = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'img', quality: 5, topic: IMAGES }).expect(200);
    expect(inBody.body).toMatchObject({ next: { id: 'layers' }, counts: { left: 1 } });
  });

  it('keeps the topic through a card action, as a form and through the API', async () => {
    const t = buildTestApp();
    seedTopics(t);
    const { agent, csrf } = await signIn(t);
    const form = await agent.post(`/review/cards/img/flag${IMAGES_QUERY}`).type('form').send({ _csrf: csrf, reveal: '1' }).expect(303);
    expect(form.headers.location).toBe(`/review?card=img&reveal=1&topic=${encodeURIComponent(IMAGES)}`);
    const buried = await agent.post(`/api/review/cards/img/bury${IMAGES_QUERY}`).set('x-csrf-token', csrf).send({}).expect(200);
    expect(buried.body).toMatchObject({ changed: true, next: { id: 'layers' }, after: null, counts: { left: 1 } });
  });

  it.each([
    ['Podman', 'topic: there is no topic called "Podman" among your cards'],
    ['Containers with Docker › Imag', 'topic: there is no topic called "Containers with Docker › Imag" among your cards'],
    ['Containers with', 'topic: there is no topic called "Containers with" among your cards'],
  ])('refuses the topic %j with a 400 and saves nothing', async (topic, message) => {
    const t = buildTestApp();
    seedTopics(t);
    const { agent, csrf } = await signIn(t);
    const query = `?topic=${encodeURIComponent(topic)}`;
    const page = await agent.get(`/review${query}`).expect(400);
    expect(page.text).toContain(message.replace(/"/g, '&#34;'));
    const form = await agent.post(`/review/answer${query}`).type('form').send({ _csrf: csrf, cardId: 'img', quality: '5' }).expect(400);
    expect(form.text).toContain(message.replace(/"/g, '&#34;'));
    const api = await agent.post(`/api/review/answer${query}`).set('x-csrf-token', csrf).send({ cardId: 'img', quality: 5 }).expect(400);
    expect(api.body).toEqual({ error: { id: 'bad_request', message } });
    const inBody = await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId: 'img', quality: 5, topic }).expect(400);
    expect(inBody.body).toEqual({ error: { id: 'bad_request', message } });
    await agent.post(`/api/review/cards/img/bury${query}`).set('x-csrf-token', csrf).send({}).expect(400);
    expect(logCount(t)).toBe(0);
    expect(stateCount(t)).toBe(0);
    expect(t.db.first<{ n: number }>('SELECT count(*) AS n FROM card_burials')?.n ?? 0).toBe(0);
  });

  it('refuses a topic given twice with a 400', async () => {
    const t = buildTestApp();
    seedTopics(t);
    const { agent } = await signIn(t);
    const res = await agent.get(`/api/review/next?topic=Kubernetes&topic=Kubernetes`).expect(400);
    expect(res.body).toEqual({ error: { id: 'bad_request', message: 'topic: must be one topic path' } });
  });

  it('still applies the class scope: a chosen topic outside it has nothing to review', async () => {
    const t = buildTestApp();
    seedTopics(t);
    const { agent } = await signIn(t);
    joinClass(t, 'Kubernetes');
    const outside = await agent.get(`/api/review/next${IMAGES_QUERY}`).expect(200);
    expect(outside.body).toMatchObject({ card: null, counts: { left: 0, new: 0 } });
    const inside = await agent.get(`/api/review/next?topic=${encodeURIComponent('Kubernetes › Pods')}`).expect(200);
    expect(inside.body).toMatchObject({ card: { id: 'pods' }, counts: { left: 1 } });
  });

  it('counts due reviews under the topic only', async () => {
    const t = buildTestApp();
    seedTopics(t);
    const { agent, csrf } = await signIn(t);
    for (const cardId of ['net', 'img', 'layers', 'imagesque', 'pods']) {
      await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId, quality: 5 }).expect(200);
    }
    t.clock.advance(24 * 60 * 60 * 1000);
    const next = await agent.get(`/api/review/next${IMAGES_QUERY}`).expect(200);
    expect(next.body).toMatchObject({ card: { id: 'img', queue: 'review' }, counts: { due: 2, new: 0, left: 2 } });
  });

  it('links each topic on the home page to a review of it alone', async () => {
    const t = buildTestApp();
    seedTopics(t);
    const { agent } = await signIn(t);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain(`<a href="/review?topic=${encodeURIComponent('Containers with Docker')}"`);
    expect(home.text).toContain(`<a href="/review?topic=Kubernetes"`);
    const linked = await agent.get(`/review?topic=${encodeURIComponent('Containers with Docker')}`).expect(200);
    expect(linked.text).toContain('data-testid="left">4 left');
  });
});
