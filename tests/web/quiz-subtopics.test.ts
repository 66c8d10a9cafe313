import { describe, expect, it } from 'vitest';
import { insertCards, MIXED_DECK } from '../quiz/quiz-cards.js';
import { buildTestApp, signIn, type TestApp } from '../support/app.js';

// The mixed deck with Kubernetes split in two sub-topics: Services (svc) and Namespaces (ns).
const DECK = MIXED_DECK.map((card) => (card.id === 'svc' ? { ...card, topic: 'Kubernetes › Services' } : card));

const quizCards = (t: TestApp) => t.db.all<{ card_id: string }>('SELECT card_id FROM quiz_questions ORDER BY card_id').map((row) => row.card_id);
const quizCount = (t: TestApp) => t.db.first<{ n: number }>('SELECT count(*) AS n FROM quizzes')?.n ?? 0;

describe('picking sub-topics for a quiz', () => {
  it('offers each sub-topic indented under its topic, with its own count, only the top-level topics checked', async () => {
    const t = buildTestApp();
    insertCards(t.db, DECK);
    const { agent } = await signIn(t);
    const page = await agent.get('/quiz').expect(200);
    const labels = [...page.text.matchAll(/<label class="quiz-topic depth-(\d)[^"]*">\s*<input type="checkbox" name="topics" value="([^"]+)"\s*(checked)?/g)].map(
      ([, depth, name, checked]) => `${depth} ${name}${checked ? ' checked' : ''}`,
    );
    expect(labels).toEqual([
      '0 Docker checked',
      '1 Docker › Basics',
      '0 Kubernetes checked',
      '1 Kubernetes › Namespaces',
      '1 Kubernetes › Services',
    ]);
    expect(page.text).toMatch(/value="Kubernetes › Services"\s+aria-label="Kubernetes › Services">\s*<span>Services<\/span>\s*<span class="muted small">1 question<\/span>/);
  });

  it('limits the questions to a picked sub-topic', async () => {
    const t = buildTestApp();
    insertCards(t.db, DECK);
    const { agent, csrf } = await signIn(t);
    await agent.post('/quiz').type('form').send({ _csrf: csrf, topics: 'Kubernetes › Services', count: '5' }).expect(303);
    expect(quizCards(t)).toEqual(['svc']);
  });

  it('takes the cards of a topic and of a sub-topic of another one together', async () => {
    const t = buildTestApp();
    insertCards(t.db, DECK);
    const { agent, csrf } = await signIn(t);
    await agent.post('/quiz').type('form').send({ _csrf: csrf, topics: ['Docker', 'Kubernetes › Namespaces'], count: '5' }).expect(303);
    expect(quizCards(t)).toEqual(['etcd', 'ns', 'rs', 'run']);
  });

  it('refuses a sub-topic that is not one of the learner’s, by whole segments, with a 400 and no quiz', async () => {
    const t = buildTestApp();
    insertCards(t.db, DECK);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/quiz').type('form').send({ _csrf: csrf, topics: 'Kubernetes › Serv', count: '5' }).expect(400);
    expect(res.text).toContain('topics: there is no topic called &#34;Kubernetes › Serv&#34;');
    // The form comes back with the choice kept: nothing else checked.
    expect(res.text).not.toMatch(/value="Docker"\s+checked/);
    expect(quizCount(t)).toBe(0);
  });
});
