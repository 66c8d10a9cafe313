import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../support/app.js';

const NOTE = '# Docker\n- chroot - changes the root directory a process sees\n';

function contentDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dh-content-'));
  writeFileSync(join(dir, 'basics.md'), NOTE);
  return dir;
}

/** About `bytes` bytes of a flat list: a second or more of compiling. */
function largeList(bytes: number): string {
  const lines = ['# Large\n'];
  for (let size = 0, i = 0; size < bytes; i++) {
    const line = `- term${i} - the component number ${i} that keeps containers running\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

const ALIAS_BOMB = [
  'id: bomb',
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...Array.from({ length: 8 }, (_, i) => {
    const [name, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
    return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`;
  }),
].join('\n');

describe('content that cannot hurt the server', () => {
  it('answers /healthz while a large note is being reloaded', async () => {
    const dir = contentDir();
    writeFileSync(join(dir, 'large.md'), largeList(512 * 1024));
    const t = buildTestApp({ DECKHAND_CONTENT_DIR: dir });
    let done = false;
    const reload = t.deps.content.reload().finally(() => {
      done = true;
    });
    let answeredDuringReload = 0;
    while (!done) {
      const health = await request(t.app).get('/healthz');
      expect(health.status).toBe(200);
      if (!done) answeredDuringReload++;
    }
    const status = await reload;
    expect(answeredDuringReload).toBeGreaterThanOrEqual(3);
    expect(status.errors).toEqual([]);
    expect(status.cards).toBeGreaterThan(5_000);
  });

  it('lists refused files and warnings on the content page, and an alias bomb is a located error, not a 500', async () => {
    const dir = contentDir();
    writeFileSync(join(dir, 'binary.md'), Buffer.from([0x23, 0x00, 0x01]));
    writeFileSync(join(dir, 'fence.md'), '# Fence\n- runc - the low-level runtime\n\n```bash\ndocker ps\n');
    mkdirSync(join(dir, 'challenges'));
    writeFileSync(join(dir, 'challenges', 'bomb.yaml'), `${ALIAS_BOMB}\n`);
    // Loading the challenges at start-up is where an unguarded alias bomb used to crash the server.
    const t = buildTestApp({ DECKHAND_CONTENT_DIR: dir });
    const { agent, csrf } = await signIn(t);
    await agent.post('/content/reload').type('form').send({ _csrf: csrf }).expect(303);
    const page = await agent.get('/content').expect(200);
    expect(page.text).toMatch(/data-testid="errors">0</);
    expect(page.text).toMatch(/data-testid="warnings">2</);
    expect(page.text).toContain('<code>binary.md:1</code>: is a binary file (it contains NUL bytes), not UTF-8 text; it is not read');
    expect(page.text).toContain('<code>fence.md:4</code>:');
    expect(page.text).toMatch(/keep their previous cards until the problem below is fixed:\s*binary\.md\./);
    expect(page.text).toContain('challenges/bomb.yaml:3: its aliases (*name) expand to too much data');
  });
});
