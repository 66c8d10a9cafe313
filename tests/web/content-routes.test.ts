import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../support/app.js';

function contentDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dh-content-'));
  mkdirSync(join(dir, 'docker'));
  writeFileSync(join(dir, 'docker', 'basics.md'), '# Docker\n- chroot - changes the root directory a process sees\n');
  return dir;
}

describe('content page', () => {
  it('shows the instructor what loaded and reloads edited notes on the button', async () => {
    const dir = contentDir();
    const t = buildTestApp({ DECKHAND_CONTENT_DIR: dir });
    await t.deps.content.reload();
    const { agent, csrf } = await signIn(t);
    const page = await agent.get('/content').expect(200);
    expect(page.text).toMatch(/data-testid="errors">0</);

    // Only author syntax that cannot be read is an error (an unclosed fence is a warning).
    writeFileSync(join(dir, 'docker', 'broken.md'), '# Broken\n\n- {{c1::docker ps lists the running containers\n');
    await agent.post('/content/reload').type('form').send({ _csrf: csrf }).expect(303);
    const after = await agent.get('/content');
    expect(after.text).toMatch(/data-testid="errors">1</);
    expect(after.text).toContain('docker/broken.md:');
  });

  it('refuses students (403) and the reload without a CSRF token (403)', async () => {
    const t = buildTestApp({ DECKHAND_CONTENT_DIR: contentDir() });
    const teacher = await signIn(t, 'teacher');
    const student = await signIn(t, 'student');
    expect((await student.agent.get('/content')).status).toBe(403);
    expect((await student.agent.post('/content/reload').type('form').send({ _csrf: student.csrf })).status).toBe(403);
    expect((await teacher.agent.post('/content/reload').type('form').send({})).status).toBe(403);
    expect(t.deps.content.status()).toBeUndefined();
  });
});
