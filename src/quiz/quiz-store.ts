import { z } from 'zod';
import { compareTopics, splitTopic, topicPrefixes } from '../content/card.js';
import type { Database } from '../db/database.js';
import { acceptedAnswersByCard } from '../drafts/card-overrides.js';
import { EDITED_ANSWER, EDITED_PROMPT, learnerCardWhere, learnerEditsJoin } from '../drafts/learner-cards.js';
import type { PickedQuestion } from './pick-questions.js';
import { QUESTION_TYPES, questionTypeOf, type Quiz, type QuizCandidate, type QuizQuestion } from './quiz-question.js';

/**
 * The quiz tables and the cards a quiz may ask. Rows become objects here and nowhere else;
 * JSON columns are read back through zod, because a column is an edge like any other.
 */

const StringList = z.array(z.string());
const QuestionTypeColumn = z.enum(QUESTION_TYPES);

interface CandidateRow {
  id: string;
  kind: string;
  topic: string;
  prompt: string;
  answer: string;
  answer_mode: string;
  choices: string | null;
  /** The notes' answer, for a choice card whose answer the learner edited. */
  original_answer: string;
  alternatives: string | null;
}

interface QuizRow {
  id: number;
  user_id: number;
  topics: string;
  created_at: number;
  finished_at: number | null;
}

interface QuestionRow {
  position: number;
  card_id: string;
  question_type: string;
  prompt: string;
  answer: string;
  choices: string | null;
  alternatives: string | null;
  given: string | null;
  correct: number | null;
  quality: number | null;
  overridden_at: number | null;
  review_log_id: number | null;
}

/** A topic or sub-topic with how many of its cards (under it too) this learner can be quizzed on. */
export interface QuizTopic {
  /** The whole path, as the form sends it: "Docker › Images". */
  name: string;
  /** Its last segment, shown indented under the topic above it: "Images". */
  label: string;
  /** 0 for a top-level topic, 1 for a sub-topic, and so on. */
  depth: number;
  questions: number;
}

/** A past quiz, for the list on the quiz page. */
export interface QuizSummary {
  id: number;
  createdAt: number;
  total: number;
  answered: number;
  correct: number;
}

/**
 * Every card this learner can be quizzed on: theirs (src/drafts/learner-cards.ts), not suspended
 * by them, typable or choosable; with their edits and the answers they accept.
 */
export function quizCandidates(db: Database, userId: number): QuizCandidate[] {
  const rows = db.all<CandidateRow>(
    `SELECT c.id, c.kind, c.topic, ${EDITED_PROMPT} AS prompt, ${EDITED_ANSWER} AS answer, c.answer AS original_answer,
            c.answer_mode, c.choices, c.alternatives
       FROM cards c LEFT JOIN card_states cs ON cs.card_id = c.id AND cs.user_id = @userId ${learnerEditsJoin('c')}
      WHERE ${learnerCardWhere('c')} AND c.answer_mode <> 'reveal' AND coalesce(cs.suspended, 0) = 0
      ORDER BY c.position`,
    { userId },
  );
  const accepted = acceptedAnswersByCard(db, userId, rows.map((row) => row.id));
  return rows.flatMap((row): QuizCandidate[] => {
    // A learner who corrected a choice card's answer corrects that option too.
    const choices = parseList(row.choices)?.map((option) => (option === row.original_answer ? row.answer : option)) ?? null;
    const type = questionTypeOf({ kind: row.kind, answerMode: row.answer_mode, choices, answer: row.answer });
    if (!type) return [];
    const topic = row.topic;
    const alternatives = [...(parseList(row.alternatives) ?? []), ...(accepted.get(row.id) ?? [])];
    return [{ cardId: row.id, type, topic, prompt: row.prompt, answer: row.answer, choices: type === 'choice' ? choices : null, alternatives }];
  });
}

/**
 * The topics and sub-topics of the learner's cards, each with its number of quiz questions (its
 * own and those under it), each path right before the paths under it.
 */
export function quizTopics(db: Database, userId: number): QuizTopic[] {
  const counts = new Map<string, number>();
  for (const row of db.all<{ topic: string }>(`SELECT DISTINCT topic FROM cards c WHERE ${learnerCardWhere('c')}`, { userId })) {
    for (const path of topicPrefixes(row.topic)) counts.set(path, 0);
  }
  for (const candidate of quizCandidates(db, userId)) {
    for (const path of topicPrefixes(candidate.topic)) counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => compareTopics(a, b))
    .map(([name, questions]) => {
      const segments = splitTopic(name);
      return { name, label: segments.at(-1) ?? name, depth: segments.length - 1, questions };
    });
}

/** Stores a new quiz and its questions (positions from 1); returns the quiz id. */
export function insertQuiz(db: Database, userId: number, topics: string[], questions: PickedQuestion[], now: number): number {
  return db.transaction(() => {
    const quizId = db.run('INSERT INTO quizzes (user_id, topics, created_at) VALUES (?, ?, ?)', [
      userId,
      JSON.stringify(topics),
      now,
    ]).lastInsertRowid;
    questions.forEach((question, i) => {
      db.run(
        `INSERT INTO quiz_questions (quiz_id, position, card_id, question_type, prompt, answer, choices, alternatives)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          quizId, i + 1, question.cardId, question.type, question.prompt, question.answer,
          question.choices ? JSON.stringify(question.choices) : null,
          question.alternatives.length > 0 ? JSON.stringify(question.alternatives) : null,
        ],
      );
    });
    return quizId;
  });
}

/**
 * A learner's quiz with its questions, or undefined when there is none with that id *for them*:
 * another learner's quiz and a missing one look the same, so ids reveal nothing.
 */
export function loadQuiz(db: Database, userId: number, quizId: number): Quiz | undefined {
  const row = db.first<QuizRow>('SELECT id, user_id, topics, created_at, finished_at FROM quizzes WHERE id = ? AND user_id = ?', [quizId, userId]);
  if (!row) return undefined;
  const questions = db.all<QuestionRow>(
    `SELECT position, card_id, question_type, prompt, answer, choices, alternatives, given, correct, quality, overridden_at, review_log_id
       FROM quiz_questions WHERE quiz_id = ? ORDER BY position`,
    [quizId],
  );
  return {
    id: row.id,
    userId: row.user_id,
    topics: parseList(row.topics) ?? [],
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    questions: questions.map(toQuestion),
  };
}

/** What one answer changes in the quiz tables. */
export interface SavedAnswer {
  quizId: number;
  position: number;
  given: string;
  correct: boolean;
  quality: number;
  answeredAt: number;
  reviewLogId: number | null;
}

/**
 * Saves an answer unless the question already has one; returns whether it was saved. The
 * `answered_at IS NULL` guard makes a double submit (two tabs, a double click) lose cleanly.
 */
export function saveAnswer(db: Database, answer: SavedAnswer): boolean {
  const { changes } = db.run(
    `UPDATE quiz_questions SET given = ?, correct = ?, quality = ?, answered_at = ?, review_log_id = ?
      WHERE quiz_id = ? AND position = ? AND answered_at IS NULL`,
    [answer.given, answer.correct ? 1 : 0, answer.quality, answer.answeredAt, answer.reviewLogId, answer.quizId, answer.position],
  );
  return changes === 1;
}

/** Marks a quiz finished once no question is left unanswered. */
export function finishIfComplete(db: Database, quizId: number, now: number): void {
  db.run(
    `UPDATE quizzes SET finished_at = ? WHERE id = ? AND finished_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM quiz_questions WHERE quiz_id = ? AND answered_at IS NULL)`,
    [now, quizId, quizId],
  );
}

/**
 * Whether an answer to this card can also be an SM-2 review for this learner. A card retired by a
 * content reload, or suspended in the browser, after the quiz was made still gets its quiz answer
 * graded; only the review is skipped, as the review session would refuse it.
 */
export function canReview(db: Database, userId: number, cardId: string): boolean {
  const row = db.first<{ suspended: number | null }>(
    `SELECT cs.suspended
       FROM cards c LEFT JOIN card_states cs ON cs.card_id = c.id AND cs.user_id = @userId
      WHERE c.id = @cardId AND ${learnerCardWhere('c')}`,
    { userId, cardId },
  );
  return row !== undefined && (row.suspended ?? 0) === 0;
}

/**
 * Regrades an answered question after the learner said "I was right": right, with the quality
 * they chose and the review-log row of the new grade. Only a question graded wrong and not yet
 * overridden changes; returns whether it did.
 */
export function saveOverride(
  db: Database,
  override: { quizId: number; position: number; quality: number; reviewLogId: number | null; now: number },
): boolean {
  const { changes } = db.run(
    `UPDATE quiz_questions SET correct = 1, quality = @quality, review_log_id = coalesce(@reviewLogId, review_log_id), overridden_at = @now
      WHERE quiz_id = @quizId AND position = @position AND correct = 0 AND overridden_at IS NULL`,
    override,
  );
  return changes === 1;
}

/** The learner's latest quizzes, newest first, with their scores so far. */
export function recentQuizzes(db: Database, userId: number, limit = 5): QuizSummary[] {
  return db
    .all<{ id: number; created_at: number; total: number; answered: number; correct: number }>(
      `SELECT q.id, q.created_at, count(*) AS total, count(qq.answered_at) AS answered,
              coalesce(sum(qq.correct), 0) AS correct
         FROM quizzes q JOIN quiz_questions qq ON qq.quiz_id = q.id
        WHERE q.user_id = ? GROUP BY q.id ORDER BY q.id DESC LIMIT ?`,
      [userId, limit],
    )
    .map((row) => ({ id: row.id, createdAt: row.created_at, total: row.total, answered: row.answered, correct: row.correct }));
}

function toQuestion(row: QuestionRow): QuizQuestion {
  return {
    position: row.position,
    cardId: row.card_id,
    type: QuestionTypeColumn.parse(row.question_type),
    prompt: row.prompt,
    answer: row.answer,
    choices: parseList(row.choices),
    alternatives: parseList(row.alternatives) ?? [],
    given: row.given,
    correct: row.correct === null ? null : row.correct === 1,
    quality: row.quality,
    overriddenAt: row.overridden_at,
    reviewLogId: row.review_log_id,
  };
}

// A column that is not a JSON list of strings reads as "no list" rather than failing the page.
function parseList(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const parsed = StringList.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
