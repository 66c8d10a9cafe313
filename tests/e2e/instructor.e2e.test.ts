import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptStore } from '../../src/challenges/attempt-store.js';
import { openDatabase } from '../../src/db/database.js';
import { createClass, createFirstAccount } from '../support/e2e-steps.js';
import { browserAvailable, launchBrowser, saveScreenshot, type TestBrowser } from '../support/browser.js';
import { createWorkspace, startServer, type ServerProcess, type Workspace } from '../support/server-process.js';

const CHALLENGE = `id: run-detached
title: Run nginx in the background
topic: Containers with Docker › Running containers
images: [nginx]
task: Start nginx detached.
checks:
  - id: running
    describe: an nginx container is running
    expect: { container: { image: nginx, state: running } }
solution:
  - docker run -d nginx
`;

const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('the instructor dashboard in the browser', () => {
  let workspace: Workspace;
  let server: ServerProcess;
  let teacher: TestBrowser;
  let learner: TestBrowser;

  beforeAll(async () => {
    workspace = createWorkspace([
      { prompt: 'Which flag runs a container in the background?', answer: '-d' },
      { prompt: 'Which command lists running containers?', answer: 'docker ps' },
    ]);
    mkdirSync(join(workspace.contentDir, 'challenges'), { recursive: true });
    writeFileSync(join(workspace.contentDir, 'challenges', 'run-detached.yaml'), CHALLENGE);
    server = await startServer({ workspace });
    teacher = await launchBrowser();
    learner = await launchBrowser();
  });

  afterAll(async () => {
    await teacher?.close();
    await learner?.close();
    await server?.stop();
    workspace?.remove();
  });

  it('creates a class, a student joins with the code and passes a challenge, and the matrix shows it live', async () => {
    const { page } = teacher;
    const url = (path: string) => `${server.baseUrl}${path}`;

    // The first account is the instructor.
    await createFirstAccount(page, server.baseUrl, 'ada', 'correct horse battery');
    const { code } = await createClass(page, 'Containers 101');
    const dashboardUrl = page.url().replace(/\/settings$/, '');

    // A student joins with the code and lands on their own home page.
    const student = learner.page;
    await student.goto(url('/join'));
    await student.getByLabel('Join code').fill(code.toLowerCase());
    await student.getByLabel('Your name').fill('Sam Okafor');
    await student.getByLabel('Username').fill('sam');
    await student.getByLabel('Password').fill('long enough');
    await student.getByRole('button', { name: 'Join and create my account' }).click();
    await student.waitForURL(url('/'));
    expect(await student.getByRole('link', { name: 'Instructor' }).count()).toBe(0);
    expect((await student.goto(url(dashboardUrl.slice(server.baseUrl.length))))?.status()).toBe(403);

    // The instructor watches the dashboard; a marker on window proves it is never reloaded.
    await page.goto(dashboardUrl);
    const cell = page.getByTestId('cell-sam-run-detached');
    expect(await cell.getAttribute('data-state')).toBe('not_started');
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    // The challenge pages are not wired yet, so the pass is written through AttemptStore, the
    // same service the grader uses: start an attempt, then a check run where everything passed.
    const db = openDatabase(workspace.databaseFile);
    try {
      const userId = db.first<{ id: number }>(`SELECT id FROM users WHERE username = 'sam'`)?.id ?? 0;
      const startedAt = Date.now() - 95_000;
      const attempts = new AttemptStore(db);
      const attempt = attempts.insert(userId, 'run-detached', {
        driver: 'host', attemptKey: 'e2e', challengeId: 'run-detached', startedAt,
        baseline: { containers: [], images: [], tags: [], volumes: [], networks: [] },
      }, startedAt);
      attempts.recordHint(attempt.id);
      attempts.recordCheck(attempt.id, true, Date.now());
    } finally {
      db.close();
    }

    await expect.poll(() => cell.getAttribute('data-state'), { timeout: 10_000 }).toBe('passed');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await cell.getAttribute('title')).toContain('1 attempt · 1 hint · took 2 min');
    await expect.poll(() => page.getByTestId('sandbox-attempt-1').count()).toBe(1);
    await saveScreenshot(page, 'instructor-dashboard');

    // The export holds the same.
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), `${dashboardUrl}/export/matrix.csv`);
    expect(csv).toBe('student,username,passed,run-detached\r\nSam Okafor,sam,1,passed\r\n');
  });
});
