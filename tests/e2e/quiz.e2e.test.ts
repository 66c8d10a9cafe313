import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, saveScreenshot, type TestBrowser } from '../support/browser.js';
import { createFirstAccount } from '../support/e2e-steps.js';
import { createWorkspace, startServer, type ServerProcess, type Workspace } from '../support/server-process.js';

/**
 * One note in the natural style (no card syntax), so the quiz runs on what the compiler makes of
 * real notes: four Service types become four multiple-choice cards (their siblings are the
 * distractors), the code block and the `- \`docker ps -a\`` line become typed commands, the etcd
 * sentence a cloze, and "Pod: …" the only short typed-words card. With four question types
 * present, a five-question quiz draws every type at least once, so the words card is always in
 * it — that is the one answered wrongly, to see the diff.
 */
const NOTE = `---
topic: Harbour Containers
---
## Service types

- ClusterIP - exposes the Service on an address reachable only inside the cluster
- NodePort - exposes the Service on a static port of every node
- LoadBalancer - exposes the Service through a cloud provider's load balancer
- ExternalName - maps the Service to a DNS name

## Control plane

- etcd is a consistent and highly available key value store that keeps all cluster data

## Running things

Start an nginx container in the background and publish port 8080 to port 80:

\`\`\`bash
docker run -d -p 8080:80 nginx
\`\`\`

- List every container, running or stopped - \`docker ps -a\`
- Pod: the smallest deployable unit in Kubernetes
`;

const WRONG_WORDS = 'the largest deployable unit in Docker';

interface StoredQuestion {
  position: number;
  card_id: string;
  question_type: string;
  prompt: string;
  answer: string;
}

/**
 * The expected answers come from the database the server writes, opened read-only: the quiz is
 * drawn at random, and the question page never shows which option is right before answering,
 * so the page alone cannot tell the test what a right answer is. Reading (not writing) the file
 * keeps the test honest about what the browser did.
 */
function readDatabase<T>(file: string, query: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

/** Clicks a link or button that loads a new page and waits for that page. */
async function clickAndWaitForNextPage(page: Page, click: () => Promise<void>): Promise<void> {
  const loaded = page.waitForEvent('load');
  await click();
  await loaded;
}

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('a quiz in the browser', () => {
  let workspace: Workspace;
  let server: ServerProcess;
  let browser: TestBrowser;

  beforeAll(async () => {
    // The helper writes a note of `question :: answer` pairs; none are given, and the file is
    // replaced by the natural-style note before the server starts and compiles it.
    workspace = createWorkspace([], 'harbour.md');
    writeFileSync(join(workspace.contentDir, 'harbour.md'), NOTE);
    server = await startServer({ workspace });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    workspace?.remove();
  });

  it('answers five questions, one typed answer wrong on purpose, and shows 4 / 5, the diff and the mistake', async () => {
    const { page } = browser;

    await page.goto(`${server.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/setup');
    await createFirstAccount(page, server.baseUrl, 'grace', 'correct horse battery');

    // The form lists the note's one top-level topic, ticked, with its eight quiz questions (its
    // sub-topics follow, indented and not ticked).
    await page.goto(`${server.baseUrl}/quiz`);
    const topic = page.locator('input[name="topics"][value="Harbour Containers"]');
    expect(await topic.isChecked()).toBe(true);
    expect(await page.locator('input[name="topics"][value^="Harbour Containers ›"]').first().isChecked()).toBe(false);
    expect(await page.locator('.quiz-topic').first().textContent()).toMatch(/8 questions/);
    await page.getByLabel('Number of questions').fill('5');
    await clickAndWaitForNextPage(page, () => page.getByRole('button', { name: 'Start the quiz' }).click());
    const started = /\/quiz\/(\d+)\/1$/.exec(new URL(page.url()).pathname);
    expect(started, page.url()).not.toBeNull();
    const quizId = Number(started?.[1]);

    const questions = readDatabase(workspace.databaseFile, (db) =>
      db
        .prepare('SELECT position, card_id, question_type, prompt, answer FROM quiz_questions WHERE quiz_id = ? ORDER BY position')
        .all(quizId) as StoredQuestion[],
    );
    expect(questions).toHaveLength(5);
    expect(new Set(questions.map((q) => q.question_type))).toEqual(new Set(['choice', 'command', 'cloze', 'words']));
    const wrong = questions.find((q) => q.question_type === 'words');
    if (!wrong) throw new Error('the quiz has no typed-words question');
    expect(wrong.answer).toBe('the smallest deployable unit in Kubernetes');

    for (const question of questions) {
      expect(await page.getByTestId('position').textContent()).toBe(`Question ${question.position} of 5`);
      expect((await page.getByTestId('prompt').textContent())?.trim()).toBe(question.prompt);
      if (question.question_type === 'choice') {
        await page.getByRole('radio', { name: question.answer, exact: true }).check();
      } else {
        await page.getByLabel('Your answer').fill(question === wrong ? WRONG_WORDS : question.answer);
      }
      await clickAndWaitForNextPage(page, () => page.getByRole('button', { name: 'Check' }).click());

      const verdict = (await page.getByRole('status').textContent())?.trim();
      if (question === wrong) {
        expect(verdict).toBe('Not quite.');
        expect(await page.getByTestId('expected').textContent()).toBe(wrong.answer);
        // The diff strikes out what was typed but is not in the answer and underlines what is
        // missing; runs of words that agree are shown once, as they are.
        const parts = await page
          .getByTestId('diff')
          .locator('span')
          .evaluateAll((spans) => spans.map((span) => `${span.className}:${span.textContent ?? ''}`));
        expect(parts).toEqual([
          'diff-same:the',
          'diff-added:largest',
          'diff-removed:smallest',
          'diff-same:deployable unit in',
          'diff-added:Docker',
          'diff-removed:Kubernetes',
        ]);
        await saveScreenshot(page, 'quiz-diff');
      } else {
        expect(verdict).toBe('Right!');
      }
      const next = question.position === 5 ? 'See the score' : 'Next';
      await clickAndWaitForNextPage(page, () => page.getByRole('link', { name: next }).click());
    }

    expect(new URL(page.url()).pathname).toBe(`/quiz/${quizId}/result`);
    expect(await page.getByTestId('score').textContent()).toMatch(/^4 \/ 5 right \(80%\)$/);
    const rows = page.getByTestId('mistakes').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('td').allTextContents()).toEqual([wrong.prompt, WRONG_WORDS, wrong.answer]);
    await saveScreenshot(page, 'quiz-result');

    // Each answer counted as an SM-2 review of its card: 5 when right, 1 for the wrong one.
    const log = readDatabase(workspace.databaseFile, (db) =>
      db.prepare("SELECT card_id, kind, quality FROM review_log WHERE kind = 'quiz' ORDER BY id").all() as {
        card_id: string;
        kind: string;
        quality: number;
      }[],
    );
    expect(log).toEqual(
      questions.map((question) => ({ card_id: question.card_id, kind: 'quiz', quality: question === wrong ? 1 : 5 })),
    );
    const allKinds = readDatabase(workspace.databaseFile, (db) => db.prepare('SELECT count(*) AS n FROM review_log').get() as { n: number });
    expect(allKinds.n).toBe(5);
  });
});
