import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { insertCards, MIXED_DECK, type TestCard } from '../quiz/quiz-cards.js';
import { buildTestApp, signIn, type SignedInAgent, type TestApp } from '../support/app.js';

interface StoredQuestion {
  position: number;
  card_id: string;
  question_type: string;
  choices: string | null;
}

const count = (t: TestApp, table: string) => t.db.first<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)?.n ?? 0;
const questionsOf = (t: TestApp, quizId: number) =>
  t.db.all<StoredQuestion>('SELECT position, card_id, question_type, choices FROM quiz_questions WHERE quiz_id = ? ORDER BY position', [quizId]);
const optionIndex = (question: StoredQuestion, option: string) => String((JSON.parse(question.choices ?? '[]') as string[]).indexOf(option));

async function startQuiz(t: TestApp, { agent, csrf }: SignedInAgent, cards: TestCard[] = MIXED_DECK): Promise<number> {
  insertCards(t.db, cards);
  const topics = [...new Set(cards.map((card) => (card.topic ?? 'Docker').split(' › ')[0]))];
  const res = await agent.post('/quiz').type('form').send({ _csrf: csrf, topics, count: '5' }).expect(303);
  const match = /^\/quiz\/(\d+)$/.exec(res.headers.location ?? '');
  return Number(match?.[1]);
}

// What the happy path answers for each card: one command wrong on purpose, one word with a typo.
const ANSWERS: Record<string, (q: StoredQuestion) => string> = {
  run: () => 'docker run -d -p 8080:80 httpd',
  etcd: () => 'etcd',
  svc: (q) => optionIndex(q, 'NodePort'),
  rs: () => 'ReplicSet',
  ns: (q) => optionIndex(q, 'kube-system'),
};

describe('quiz pages', () => {
  it('offers the top-level topics, all checked, and ten questions by default', async () => {
    const t = buildTestApp();
    insertCards(t.db, MIXED_DECK);
    const { agent } = await signIn(t);
    const page = await agent.get('/quiz').expect(200);
    expect(page.text).toMatch(/name="topics" value="Docker"\s+checked/);
    expect(page.text).toMatch(/name="topics" value="Kubernetes"\s+checked/);
    expect(page.text).toContain('name="count" min="5" max="50" value="10"');
  });

  it('runs a whole quiz: graded answers, SM-2 reviews, a score and the mistakes', async () => {
    const t = buildTestApp();
    const signedIn = await signIn(t);
    const { agent, csrf } = signedIn;
    const quizId = await startQuiz(t, signedIn);
    const first = await agent.get(`/quiz/${quizId}`).expect(303);
    expect(first.headers.location).toBe(`/quiz/${quizId}/1`);

    const questions = questionsOf(t, quizId);
    expect(questions.map((q) => q.card_id).sort()).toEqual(['etcd', 'ns', 'rs', 'run', 'svc']);
    for (const question of questions) {
      const page = await agent.get(`/quiz/${quizId}/${question.position}`).expect(200);
      expect(page.text).toContain(`Question ${question.position} of 5`);
      const answer = ANSWERS[question.card_id]?.(question) ?? '';
      const res = await agent.post(`/quiz/${quizId}/${question.position}`).type('form').send({ _csrf: csrf, answer }).expect(303);
      expect(res.headers.location).toBe(`/quiz/${quizId}/${question.position}`);
      const feedback = await agent.get(`/quiz/${quizId}/${question.position}`).expect(200);
      if (question.card_id === 'run') {
        expect(feedback.text).toContain('Not quite.');
        expect(feedback.text).toContain('docker run -d -p 8080:80 nginx');
        expect(feedback.text).toMatch(/data-testid="differences">[\s\S]*httpd/);
      } else if (question.card_id === 'rs') {
        expect(feedback.text).toContain('Right, with one typo forgiven.');
        expect(feedback.text).toContain('<span class="diff-added">ReplicSet</span>');
        expect(feedback.text).toContain('<span class="diff-removed">ReplicaSet</span>');
      } else {
        expect(feedback.text).toContain('Right!');
      }
      expect(feedback.text).toContain(question.position === 5 ? `href="/quiz/${quizId}/result"` : `href="/quiz/${quizId}/${question.position + 1}"`);
    }

    const result = await agent.get(`/quiz/${quizId}/result`).expect(200);
    expect(result.text).toContain('<strong>4 / 5</strong> right (80%)');
    expect(result.text).toContain('Which command runs nginx detached, publishing port 8080 to 80?');
    expect(result.text).toContain('<code>docker run -d -p 8080:80 httpd</code>');
    expect(result.text).toContain('<code>docker run -d -p 8080:80 nginx</code>');
    expect(result.text).not.toContain('ReplicSet');

    const log = t.db.all<{ card_id: string; kind: string; quality: number }>('SELECT card_id, kind, quality FROM review_log ORDER BY card_id');
    expect(log).toEqual([
      { card_id: 'etcd', kind: 'quiz', quality: 5 },
      { card_id: 'ns', kind: 'quiz', quality: 5 },
      { card_id: 'rs', kind: 'quiz', quality: 4 },
      { card_id: 'run', kind: 'quiz', quality: 1 },
      { card_id: 'svc', kind: 'quiz', quality: 5 },
    ]);
    const states = t.db.all<{ card_id: string; repetitions: number; due_day: string }>('SELECT card_id, repetitions, due_day FROM card_states ORDER BY card_id');
    expect(states).toHaveLength(5);
    expect(states.find((s) => s.card_id === 'run')).toMatchObject({ repetitions: 0, due_day: '2026-03-11' });
    expect(states.find((s) => s.card_id === 'etcd')).toMatchObject({ repetitions: 1, due_day: '2026-03-11' });
    // A finished quiz's own address leads to its score.
    expect((await agent.get(`/quiz/${quizId}`)).headers.location).toBe(`/quiz/${quizId}/result`);
  });

  it('shows the same questions and option order on a reload', async () => {
    const t = buildTestApp();
    const signedIn = await signIn(t);
    const quizId = await startQuiz(t, signedIn);
    const a = await signedIn.agent.get(`/quiz/${quizId}/2`);
    const b = await signedIn.agent.get(`/quiz/${quizId}/2`);
    const body = (html: string) => html.replace(/name="shownAt" value="\d+"/, '');
    expect(body(a.text)).toBe(body(b.text));
  });

  it('answers 401 when signed out and changes nothing', async () => {
    const t = buildTestApp();
    const quizId = await startQuiz(t, await signIn(t));
    expect((await request(t.app).get('/quiz')).status).toBe(401);
    expect((await request(t.app).get(`/quiz/${quizId}/1`)).status).toBe(401);
    expect((await request(t.app).post('/quiz').type('form').send({ topics: 'Docker', count: '5' })).status).toBe(401);
    expect((await request(t.app).post(`/quiz/${quizId}/1`).type('form').send({ answer: 'etcd' })).status).toBe(401);
    expect(count(t, 'quizzes')).toBe(1);
    expect(count(t, 'review_log')).toBe(0);
  });

  it('refuses posts without a CSRF token with 403 and changes nothing', async () => {
    const t = buildTestApp();
    const signedIn = await signIn(t);
    const quizId = await startQuiz(t, signedIn);
    expect((await signedIn.agent.post('/quiz').type('form').send({ topics: 'Docker', count: '5' })).status).toBe(403);
    expect((await signedIn.agent.post(`/quiz/${quizId}/1`).type('form').send({ answer: 'etcd' })).status).toBe(403);
    expect(count(t, 'quizzes')).toBe(1);
    expect(count(t, 'review_log')).toBe(0);
    expect(t.db.first<{ n: number }>('SELECT count(*) AS n FROM quiz_questions WHERE given IS NOT NULL')?.n).toBe(0);
  });

  it.each([
    [{ topics: 'Docker', count: '51' }, 'count: must be between 5 and 50'],
    [{ topics: 'Docker', count: '4' }, 'count: must be between 5 and 50'],
    [{ topics: 'Docker', count: 'many' }, 'count: must be a number'],
    [{ count: '10' }, 'topics: pick at least one topic'],
    [{ topics: 'Podman', count: '10' }, 'topics: there is no topic called &#34;Podman&#34;'],
  ])('answers 400 naming the field for a new quiz %o and creates nothing', async (form, message) => {
    const t = buildTestApp();
    insertCards(t.db, MIXED_DECK);
    const { agent, csrf } = await signIn(t);
    const res = await agent.post('/quiz').type('form').send({ _csrf: csrf, ...form });
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(res.text).toContain('Start the quiz');
    expect(count(t, 'quizzes')).toBe(0);
  });

  it.each([
    ['/quiz/abc/1', 'id: must be a quiz number'],
    ['/quiz/1/0', 'index: must be a question number'],
    ['/quiz/1/first', 'index: must be a question number'],
    ['/quiz/1/9', 'index: must be between 1 and 5'],
  ])('answers 400 naming the field for %s and changes nothing', async (path, message) => {
    const t = buildTestApp();
    const signedIn = await signIn(t);
    await startQuiz(t, signedIn);
    const page = await signedIn.agent.get(path);
    expect(page.status).toBe(400);
    expect(page.text).toContain(message);
    const post = await signedIn.agent.post(path).type('form').send({ _csrf: signedIn.csrf, answer: 'etcd' });
    expect(post.status).toBe(400);
    expect(post.text).toContain(message);
    expect(count(t, 'review_log')).toBe(0);
  });

  it('answers 400 for an empty answer, showing the question again with the message', async () => {
    const t = buildTestApp();
    const signedIn = await signIn(t);
    const quizId = await startQuiz(t, signedIn);
    const res = await signedIn.agent.post(`/quiz/${quizId}/1`).type('form').send({ _csrf: signedIn.csrf, answer: '   ' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('answer: is required');
    expect(res.text).toContain('Question 1 of 5');
    expect(count(t, 'review_log')).toBe(0);
  });

  it("answers 404 for another learner's quiz, the same as for a missing one", async () => {
    const t = buildTestApp();
    const quizId = await startQuiz(t, await signIn(t));
    const bob = await signIn(t, 'bob');
    for (const path of [`/quiz/${quizId}`, `/quiz/${quizId}/1`, `/quiz/${quizId}/result`, '/quiz/999/1']) {
      const res = await bob.agent.get(path);
      expect(res.status).toBe(404);
      expect(res.text).toContain('There is no such quiz.');
    }
    const post = await bob.agent.post(`/quiz/${quizId}/1`).type('form').send({ _csrf: bob.csrf, answer: 'etcd' });
    expect(post.status).toBe(404);
    expect((await bob.agent.get(`/quiz/${quizId}/99`)).status).toBe(404);
    expect(count(t, 'review_log')).toBe(0);
  });

  it('refuses a second answer to the same question with 409 and changes nothing', async () => {
    const t = buildTestApp();
    const signedIn = await signIn(t);
    const quizId = await startQuiz(t, signedIn);
    await signedIn.agent.post(`/quiz/${quizId}/1`).type('form').send({ _csrf: signedIn.csrf, answer: '0' }).expect(303);
    const before = t.db.all('SELECT * FROM quiz_questions WHERE quiz_id = ? AND position = 1', [quizId]);
    const again = await signedIn.agent.post(`/quiz/${quizId}/1`).type('form').send({ _csrf: signedIn.csrf, answer: '1' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('You have already answered this question.');
    expect(count(t, 'review_log')).toBe(1);
    expect(t.db.all('SELECT * FROM quiz_questions WHERE quiz_id = ? AND position = 1', [quizId])).toEqual(before);
  });

  it('escapes card text, options and typed answers', async () => {
    const t = buildTestApp();
    const signedIn = await signIn(t);
    const quizId = await startQuiz(t, signedIn, [
      { id: 'x1', prompt: 'What does <script>alert(1)</script> print?', answer: '<b>bold</b>', answerMode: 'words' },
      { id: 'x2', prompt: 'Pick <i>one</i>', answer: '<img src=x onerror=alert(1)>', answerMode: 'choice', choices: ['<img src=x onerror=alert(1)>', 'a & b', '"quoted"'] },
      ...MIXED_DECK.slice(0, 3),
    ]);
    const questions = questionsOf(t, quizId);
    const typed = questions.find((q) => q.card_id === 'x1');
    const choice = questions.find((q) => q.card_id === 'x2');
    const typedPage = await signedIn.agent.get(`/quiz/${quizId}/${typed?.position}`);
    expect(typedPage.text).toContain('What does &lt;script&gt;alert(1)&lt;/script&gt; print?');
    expect(typedPage.text).not.toContain('<script>alert(1)');
    const choicePage = await signedIn.agent.get(`/quiz/${quizId}/${choice?.position}`);
    expect(choicePage.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(choicePage.text).not.toContain('<img src=x');
    expect(choicePage.text).not.toContain('<i>one</i>');

    await signedIn.agent.post(`/quiz/${quizId}/${typed?.position}`).type('form').send({ _csrf: signedIn.csrf, answer: '<u>x</u>' }).expect(303);
    const feedback = await signedIn.agent.get(`/quiz/${quizId}/${typed?.position}`);
    expect(feedback.text).toContain('<span class="diff-added">&lt;u&gt;x&lt;/u&gt;</span>');
    expect(feedback.text).not.toContain('<u>x</u>');
    const result = await signedIn.agent.get(`/quiz/${quizId}/result`);
    expect(result.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(result.text).not.toContain('<b>bold</b>');
  });
});
