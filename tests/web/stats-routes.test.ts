import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, seedCards, signIn, type SignedInAgent } from '../support/app.js';

async function answer({ agent, csrf }: SignedInAgent, cardId: string, quality: number): Promise<void> {
  await agent.post('/api/review/answer').set('x-csrf-token', csrf).send({ cardId, quality, durationMs: 3000 }).expect(200);
}

describe('GET /stats', () => {
  it('shows the heatmap, the forecast, retention and totals of the learner', async () => {
    const t = buildTestApp();
    seedCards(t.db, 3);
    const ada = await signIn(t, 'ada');
    await answer(ada, 'c1', 5);
    await answer(ada, 'c2', 4);
    await answer(ada, 'c3', 1);
    const page = await ada.agent.get('/stats').expect(200);
    expect(page.text).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="heatmap"');
    expect(page.text).toContain('<title>2026-03-10: 3 answers</title>');
    expect(page.text).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="forecast"');
    // c1 and c2 are due tomorrow; c3 failed, so it is due tomorrow as well.
    expect(page.text).toContain('<title>2026-03-11: 3 cards due</title>');
    expect(page.text).toMatch(/data-testid="retention">67%</);
    expect(page.text).toMatch(/data-testid="answers">3</);
    expect(page.text).toMatch(/data-testid="learned">3</);
    expect(page.text).toMatch(/data-testid="average">3\.0 s</);
    expect(page.text).toContain('href="/static/stats.css"');
  });

  it('draws no inline style attributes, which the content security policy would block', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    const page = await ada.agent.get('/stats').expect(200);
    expect(page.headers['content-security-policy']).toContain("style-src 'self'");
    expect(page.text).not.toMatch(/\sstyle=/);
  });

  it('counts an undone answer nowhere', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    await answer(ada, 'c1', 2);
    await ada.agent.post('/api/review/undo').set('x-csrf-token', ada.csrf).expect(200);
    const page = await ada.agent.get('/stats').expect(200);
    expect(page.text).toContain('<title>2026-03-10: 0 answers</title>');
    expect(page.text).toMatch(/data-testid="answers">0</);
    expect(page.text).toMatch(/data-testid="retention">—</);
  });

  it('shows each learner only their own answers', async () => {
    const t = buildTestApp();
    seedCards(t.db, 2);
    const ada = await signIn(t, 'ada');
    const bob = await signIn(t, 'bob');
    await answer(ada, 'c1', 5);
    await answer(ada, 'c2', 5);
    const page = await bob.agent.get('/stats').expect(200);
    expect(page.text).toContain('<title>2026-03-10: 0 answers</title>');
    expect(page.text).toMatch(/data-testid="answers">0</);
    expect(page.text).toMatch(/data-testid="learned">0</);
    expect(page.text).toContain('<title>2026-03-11: 0 cards due</title>');
    const own = await ada.agent.get('/stats').expect(200);
    expect(own.text).toContain('<title>2026-03-10: 2 answers</title>');
  });

  it('returns 401 with the sign-in form when signed out', async () => {
    const t = buildTestApp();
    await signIn(t, 'ada');
    const page = await request(t.app).get('/stats').expect(401);
    expect(page.text).toContain('Sign in to continue.');
    await request(t.app).get('/stats').set('accept', 'application/json').expect(401, {
      error: { id: 'unauthorized', message: 'Sign in to continue.' },
    });
  });

  it('uses the learner’s own day for today', async () => {
    const t = buildTestApp();
    seedCards(t.db, 1);
    const ada = await signIn(t, 'ada');
    t.clock.set('2026-03-11T02:00:00Z'); // before the 4 am rollover: still the 10th
    await answer(ada, 'c1', 5);
    const page = await ada.agent.get('/stats').expect(200);
    expect(page.text).toContain('<title>2026-03-10: 1 answer</title>');
    expect(page.text).not.toMatch(/class="heat heat-\d" data-day="2026-03-11"/);
  });
});
