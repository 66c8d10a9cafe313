import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { unzipSync } from 'fflate';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { guidForCard } from '../../src/export/anki-notes.js';
import { buildTestApp, csrfFrom, seedCards, signIn, type TestApp } from '../support/app.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const importedRows = (t: TestApp) => t.db.all('SELECT user_id, guid, front, back FROM imported_cards ORDER BY user_id, position');

/** supertest gives binary bodies as a Buffer only with a parser that collects them. */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

async function twoLearners() {
  const t = buildTestApp();
  seedCards(t.db, 3);
  const ada = await signIn(t, 'ada');
  const bob = await signIn(t, 'bob');
  await ada.agent.post('/api/review/answer').set('x-csrf-token', ada.csrf).send({ cardId: 'c1', quality: 5 }).expect(200);
  await bob.agent.post('/api/review/answer').set('x-csrf-token', bob.csrf).send({ cardId: 'c2', quality: 1 }).expect(200);
  await bob.agent.post('/api/review/answer').set('x-csrf-token', bob.csrf).send({ cardId: 'c3', quality: 4 }).expect(200);
  return { t, ada, bob };
}

describe('exports', () => {
  it('downloads the cards CSV as an attachment that no cache keeps', async () => {
    const { ada } = await twoLearners();
    const res = await ada.agent.get('/export/cards.csv').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="deckhand-ada-cards-2026-03-10.csv"');
    expect(res.text.split('\n')[0]).toBe('#separator:tab');
    expect(res.text).toContain(`${guidForCard('c1')}\tBasic\tDeckhand::Docker::Basics\tQuestion 1?\tAnswer 1\t`);
  });

  it('gives each learner only their own history', async () => {
    const { ada, bob } = await twoLearners();
    const adaHistory = (await ada.agent.get('/export/history.csv').expect(200)).text.trim().split('\r\n');
    expect(adaHistory).toHaveLength(2);
    expect(adaHistory[1]).toMatch(/^[0-9a-f]{16},c1,/);
    const bobHistory = (await bob.agent.get('/export/history.csv').expect(200)).text.trim().split('\r\n');
    expect(bobHistory.slice(1).map((line) => line.split(',')[1])).toEqual(['c2', 'c3']);
    // No parameter picks a learner: a query naming another is ignored.
    const asked = (await ada.agent.get('/export/history.csv?userId=2&user=bob').expect(200)).text.trim().split('\r\n');
    expect(asked).toEqual(adaHistory);
  });

  it('downloads an .apkg whose collection has the learner’s cards and review log', async () => {
    const { ada, bob } = await twoLearners();
    const res = await ada.agent.get('/export/deck.apkg').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="deckhand-ada-deck-2026-03-10.apkg"');
    expect(res.headers['cache-control']).toBe('no-store');
    const entries = unzipSync(new Uint8Array(res.body as Buffer));
    const folder = mkdtempSync(join(tmpdir(), 'deckhand-apkg-http-'));
    folders.push(folder);
    const file = join(folder, 'collection.anki2');
    writeFileSync(file, entries['collection.anki2'] ?? new Uint8Array());
    const collection = new BetterSqlite3(file, { readonly: true });
    expect(collection.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 3 });
    expect(collection.prepare('SELECT count(*) AS n FROM revlog').get()).toEqual({ n: 1 });
    expect(collection.prepare('SELECT count(*) AS n FROM cards WHERE type = 2').get()).toEqual({ n: 1 });
    collection.close();
    const bobs = await bob.agent.get('/export/deck.apkg').buffer(true).parse(binary).expect(200);
    const bobFile = join(folder, 'bob.anki2');
    writeFileSync(bobFile, unzipSync(new Uint8Array(bobs.body as Buffer))['collection.anki2'] ?? new Uint8Array());
    const bobCollection = new BetterSqlite3(bobFile, { readonly: true });
    expect(bobCollection.prepare('SELECT count(*) AS n FROM revlog').get()).toEqual({ n: 2 });
    bobCollection.close();
  });

  it('returns 401 when signed out', async () => {
    const { t } = await twoLearners();
    for (const path of ['/export', '/export/cards.csv', '/export/history.csv', '/export/deck.apkg']) {
      await request(t.app).get(path).set('accept', 'application/json').expect(401);
    }
    await request(t.app).post('/export/import').set('accept', 'application/json').send({ text: 'a,b' }).expect(401);
    expect(importedRows(t)).toEqual([]);
  });

  it('is linked from the Account page', async () => {
    const { ada } = await twoLearners();
    expect((await ada.agent.get('/account').expect(200)).text).toContain('href="/export"');
    const page = await ada.agent.get('/export').expect(200);
    expect(page.text).toContain('href="/export/deck.apkg"');
    expect(page.text).toContain('action="/export/import"');
  });
});

describe('POST /export/import', () => {
  it('imports an Anki text file as the learner’s own cards, and again without duplicates', async () => {
    const { t, ada, bob } = await twoLearners();
    const page = await ada.agent.get('/export').expect(200);
    const text = '#separator:tab\n#guid column:1\nk1\tWhat is a pod?\tThe smallest deployable unit\nk2\t<b>tag</b>\tkept as text\n';
    const res = await ada.agent.post('/export/import').type('form').send({ _csrf: csrfFrom(page.text), text }).expect(303);
    expect(res.headers.location).toBe('/export?added=2&updated=0&skipped=0');
    const after = await ada.agent.get(res.headers.location as string).expect(200);
    expect(after.text).toContain('Imported 2 new cards, updated 0.');
    expect(after.text).toContain('&lt;b&gt;tag&lt;/b&gt;');
    await ada.agent.post('/export/import').type('form').send({ _csrf: ada.csrf, text }).expect(303, /added=0&updated=2/);
    expect(importedRows(t)).toEqual([
      { user_id: 1, guid: 'k1', front: 'What is a pod?', back: 'The smallest deployable unit' },
      { user_id: 1, guid: 'k2', front: '<b>tag</b>', back: 'kept as text' },
    ]);
    // Ada's cards go out in her exports, never in Bob's.
    expect((await ada.agent.get('/export/cards.csv')).text).toContain('k1\tBasic\tDeckhand::Imported\tWhat is a pod?');
    expect((await bob.agent.get('/export/cards.csv')).text).not.toContain('k1');
    expect((await bob.agent.get('/export')).text).not.toContain('What is a pod?');
  });

  it('leaves out the learner’s own Deckhand cards when an export comes back', async () => {
    const { t, ada } = await twoLearners();
    const csv = (await ada.agent.get('/export/cards.csv')).text;
    await ada.agent.post('/export/import').type('form').send({ _csrf: ada.csrf, text: csv }).expect(303, /added=0&updated=0&skipped=3/);
    expect(importedRows(t)).toEqual([]);
  });

  it('returns 400 naming the line and imports nothing', async () => {
    const { t, ada } = await twoLearners();
    const res = await ada.agent.post('/export/import').type('form').send({ _csrf: ada.csrf, text: 'q1,a1\nq2\n' }).expect(400);
    expect(res.text).toContain('Line 2: the back is empty (found 1 field; separate front and back with &#34;,&#34;). Nothing was imported.');
    expect(res.text).toContain('q1,a1\nq2');
    const json = await ada.agent.post('/export/import').set('accept', 'application/json').set('x-csrf-token', ada.csrf).send({}).expect(400);
    expect(json.body.error.message).toBe('text: is required: paste the file or choose one');
    expect(importedRows(t)).toEqual([]);
  });

  it('returns 403 without the CSRF token and imports nothing', async () => {
    const { t, ada } = await twoLearners();
    await ada.agent.post('/export/import').type('form').send({ text: 'a,b' }).expect(403);
    await ada.agent.post('/export/imported/delete').type('form').send({}).expect(403);
    expect(importedRows(t)).toEqual([]);
  });

  it('accepts a file near the 2 MB limit and refuses one above it', async () => {
    const { t, ada } = await twoLearners();
    const big = Array.from({ length: 4_000 }, (_, i) => `question ${i} ${'x'.repeat(450)},answer ${i}`).join('\n');
    expect(Buffer.byteLength(big)).toBeGreaterThan(1_800_000);
    await ada.agent.post('/export/import').type('form').send({ _csrf: ada.csrf, text: big }).expect(303, /added=4000/);
    const tooBig = `a,${'x'.repeat(2_100_000)}`;
    const res = await ada.agent.post('/export/import').type('form').send({ _csrf: ada.csrf, text: tooBig }).expect(400);
    expect(res.text).toContain('The file is larger than 2 MB; split it and import the parts.');
    // Far beyond it, the body is not even read.
    const huge = `a,${'é'.repeat(1_200_000)}`;
    const refused = await ada.agent.post('/export/import').type('form').set('accept', 'application/json').send({ _csrf: ada.csrf, text: huge }).expect(413);
    expect(refused.body.error.message).toBe('The request body is too large.');
    expect(t.db.first('SELECT count(*) AS n FROM imported_cards')).toEqual({ n: 4000 });
  });

  it('removes every imported card of the learner only', async () => {
    const { t, ada, bob } = await twoLearners();
    await ada.agent.post('/export/import').type('form').send({ _csrf: ada.csrf, text: 'a,b\nc,d' }).expect(303);
    await bob.agent.post('/export/import').type('form').send({ _csrf: bob.csrf, text: 'e,f' }).expect(303);
    await ada.agent.post('/export/imported/delete').type('form').send({ _csrf: ada.csrf }).expect(303, /removed=2/);
    expect(t.db.all('SELECT user_id, front FROM imported_cards')).toEqual([{ user_id: 2, front: 'e' }]);
  });
});
