import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/compiler/seeded-random.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { setSuspended } from '../../src/browse/suspend.js';
import { readCardState } from '../../src/review/card-state.js';
import { answerQuestion, createQuiz, quizFor, scoreOf } from '../../src/quiz/quiz-service.js';
import { quizTopics } from '../../src/quiz/quiz-store.js';
import { insertCards, MIXED_DECK } from './quiz-cards.js';

const NOW = Date.parse('2026-03-10T12:00:00Z');

function setUp(): { db: Database; userId: number; otherId: number } {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const user = (name: string) =>
    db.run("INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'student', 'UTC', 0)", [name, name]).lastInsertRowid;
  const userId = user('ada');
  const otherId = user('bob');
  insertCards(db, MIXED_DECK);
  return { db, userId, otherId };
}

const make = (db: Database, userId: number, topics = ['Docker', 'Kubernetes'], count = 10) =>
  createQuiz(db, { userId, topics, count, now: NOW, random: seededRandom('test') });

const answer = (db: Database, userId: number, quizId: number, index: number, text: string) =>
  answerQuestion(db, { userId, quizId, index, answer: text, now: NOW, today: '2026-03-10', durationMs: 1000 });

const count = (db: Database, table: string) => db.first<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)?.n ?? 0;

describe('quizzes', () => {
  it('asks only live, unsuspended, typable or choosable cards', () => {
    const { db, userId } = setUp();
    setSuspended(db, userId, 'rs', true);
    const quiz = quizFor(db, userId, make(db, userId));
    expect(quiz.questions.map((q) => q.cardId).sort()).toEqual(['etcd', 'ns', 'run', 'svc']);
    expect(quiz.questions.map((q) => q.position)).toEqual([1, 2, 3, 4]);
    expect(new Set(quiz.questions.map((q) => q.type))).toEqual(new Set(['command', 'cloze', 'choice']));
  });

  it('counts the questions of each topic and sub-topic for the form, each sub-topic under its topic', () => {
    const { db, userId } = setUp();
    expect(quizTopics(db, userId)).toEqual([
      { name: 'Docker', label: 'Docker', depth: 0, questions: 4 },
      { name: 'Docker › Basics', label: 'Basics', depth: 1, questions: 4 },
      { name: 'Kubernetes', label: 'Kubernetes', depth: 0, questions: 1 },
      { name: 'Kubernetes › Namespaces', label: 'Namespaces', depth: 1, questions: 1 },
    ]);
  });

  it('limits the quiz to a picked sub-topic, and refuses a path that is not one by whole segments', () => {
    const { db, userId } = setUp();
    const quiz = quizFor(db, userId, make(db, userId, ['Kubernetes › Namespaces']));
    expect(quiz.questions.map((q) => q.cardId)).toEqual(['ns']);
    expect(quiz.topics).toEqual(['Kubernetes › Namespaces']);
    expect(() => make(db, userId, ['Kubernetes › Name'])).toThrow('topics: there is no topic called "Kubernetes › Name"');
  });

  it('limits the quiz to the topics picked', () => {
    const { db, userId } = setUp();
    const quiz = quizFor(db, userId, make(db, userId, ['Kubernetes']));
    expect(quiz.questions.map((q) => q.cardId)).toEqual(['ns']);
  });

  it('refuses an unknown topic with a 400 naming the field', () => {
    const { db, userId } = setUp();
    expect(() => make(db, userId, ['Podman'])).toThrow('topics: there is no topic called "Podman"');
    expect(count(db, 'quizzes')).toBe(0);
  });

  it('records each answer as a quiz review of the card and refuses a second answer', () => {
    const { db, userId } = setUp();
    const quiz = quizFor(db, userId, make(db, userId, ['Kubernetes']));
    const grade = answer(db, userId, quiz.id, 1, String(quiz.questions[0]?.choices?.indexOf('kube-system')));
    expect(grade).toMatchObject({ correct: true, quality: 5 });
    expect(db.first('SELECT kind, quality FROM review_log')).toEqual({ kind: 'quiz', quality: 5 });
    expect(readCardState(db, userId, 'ns')).toMatchObject({ repetitions: 1, dueDay: '2026-03-11' });
    expect(() => answer(db, userId, quiz.id, 1, '0')).toThrow('already answered');
    expect(count(db, 'review_log')).toBe(1);
    const done = quizFor(db, userId, quiz.id);
    expect(done.finishedAt).toBe(NOW);
    expect(scoreOf(done)).toMatchObject({ total: 1, answered: 1, correct: 1, percent: 100, mistakes: [] });
  });

  it('still grades a question whose card was retired after the quiz was made, without a review', () => {
    const { db, userId } = setUp();
    const quiz = quizFor(db, userId, make(db, userId, ['Kubernetes']));
    db.run('UPDATE cards SET retired_at = 1 WHERE id = ?', ['ns']);
    expect(answer(db, userId, quiz.id, 1, '0').quality).toBeTypeOf('number');
    expect(count(db, 'review_log')).toBe(0);
    expect(quizFor(db, userId, quiz.id).questions[0]?.given).not.toBeNull();
  });

  it("hides another learner's quiz as not found", () => {
    const { db, userId, otherId } = setUp();
    const id = make(db, userId);
    expect(() => quizFor(db, otherId, id)).toThrow('There is no such quiz.');
    expect(() => answer(db, otherId, id, 1, 'etcd')).toThrow('There is no such quiz.');
    expect(count(db, 'review_log')).toBe(0);
  });

  it('refuses an option position that is not one of the options', () => {
    const { db, userId } = setUp();
    const quiz = quizFor(db, userId, make(db, userId, ['Kubernetes']));
    expect(() => answer(db, userId, quiz.id, 1, '7')).toThrow('answer: pick one of the options');
    expect(() => answer(db, userId, quiz.id, 2, '0')).toThrow('index: must be between 1 and 1');
    expect(count(db, 'review_log')).toBe(0);
  });
});
