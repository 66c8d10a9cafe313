import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ClassService } from '../../src/classes/class-service.js';
import { buildTestApp, csrfFrom, signIn, type TestApp } from '../support/app.js';

async function classWithCode(): Promise<{ t: TestApp; code: string }> {
  const t = buildTestApp({ DECKHAND_TIME_ZONE: 'UTC' });
  await signIn(t, 'ada', 'correct horse');
  return { t, code: new ClassService(t.db).create('Containers 101', { userId: 1, now: 0 }).joinCode };
}

async function join(t: TestApp, fields: Record<string, string>, withToken = true) {
  const agent = request.agent(t.app);
  const page = await agent.get('/join').expect(200);
  return agent.post('/join').type('form').send({ ...(withToken ? { _csrf: csrfFrom(page.text) } : {}), ...fields });
}

const student = { username: 'sam', displayName: 'Sam Okafor', password: 'long enough' };
const zoneOf = (t: TestApp, username: string) => t.db.first('SELECT time_zone, time_zone_chosen FROM users WHERE username = ?', [username]);

describe.concurrent('the time zone at join', () => {
  it('asks for it, pre-filled from the browser by a script', async () => {
    const { t } = await classWithCode();
    const page = (await request(t.app).get('/join').expect(200)).text;
    expect(page).toContain('name="timeZone" value="UTC" list="zones" required autocomplete="off" data-browser-zone');
    expect(page).toContain('<script src="/static/time-zone.js" defer></script>');
  });

  it('gives the new account the zone it was given, as the learner’s own choice', async () => {
    const { t, code } = await classWithCode();
    expect((await join(t, { code, ...student, timeZone: 'America/Sao_Paulo' })).status).toBe(303);
    expect(zoneOf(t, 'sam')).toEqual({ time_zone: 'America/Sao_Paulo', time_zone_chosen: 1 });
  });

  it('gives the server’s zone when the form sends none (no script, an older page)', async () => {
    const { t, code } = await classWithCode();
    expect((await join(t, { code, ...student })).status).toBe(303);
    expect(zoneOf(t, 'sam')).toEqual({ time_zone: 'UTC', time_zone_chosen: 0 });
  });

  it('refuses a zone that is not an IANA name with 400 and a clear message, creating nobody', async () => {
    const { t, code } = await classWithCode();
    const res = await join(t, { code, ...student, timeZone: 'Mars/Olympus' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('timeZone: is not a time zone this server knows (use a name like Europe/Berlin)');
    // What was typed stays in the field and is not replaced by the browser's zone.
    expect(res.text).toContain('name="timeZone" value="Mars/Olympus" list="zones" required autocomplete="off" ');
    expect(res.text).not.toContain('data-browser-zone');
    expect(zoneOf(t, 'sam')).toBeUndefined();
  });

  it('refuses the form without its CSRF token (403), creating nobody', async () => {
    const { t, code } = await classWithCode();
    expect((await join(t, { code, ...student, timeZone: 'Asia/Tokyo' }, false)).status).toBe(403);
    expect(zoneOf(t, 'sam')).toBeUndefined();
  });
});
