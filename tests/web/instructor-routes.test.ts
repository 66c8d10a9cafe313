import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ClassService } from '../../src/classes/class-service.js';
import { StudentAccounts } from '../../src/classes/student-accounts.js';
import { staticChallengeCatalog } from '../../src/classes/challenge-catalog.js';
import type { AppDeps } from '../../src/web/app-deps.js';
import { createApp } from '../../src/web/app.js';
import { buildTestApp, csrfFrom, signIn, type SignedInAgent, type TestApp } from '../support/app.js';

interface World {
  t: TestApp;
  owner: SignedInAgent;
  other: SignedInAgent;
  student: SignedInAgent;
  classId: number;
  studentId: number;
  attemptId: number;
}

/** An instructor with a class of one student, a second instructor, and a live attempt. */
async function world(): Promise<World> {
  const t = buildTestApp();
  const owner = await signIn(t, 'ada', 'correct horse');
  await t.deps.users.create({ username: 'grace', password: 'correct horse', role: 'instructor', timeZone: 'UTC', now: 0 });
  const other = await signIn(t, 'grace', 'correct horse');
  const student = await signIn(t, 'sam', 'correct horse');
  const classes = new ClassService(t.db);
  const cls = classes.create('Containers 101', { userId: 1, now: t.clock().getTime() });
  const studentId = t.db.first<{ id: number }>(`SELECT id FROM users WHERE username = 'sam'`)?.id ?? 0;
  classes.addMember(cls.id, studentId, 0);
  const attemptId = t.db.run(
    `INSERT INTO challenge_attempts (user_id, challenge_id, driver, sandbox, started_at) VALUES (?, 'publish-port', 'host', '{}', ?)`,
    [studentId, t.clock().getTime() - 60_000],
  ).lastInsertRowid;
  return { t, owner, other, student, classId: cls.id, studentId, attemptId };
}

type Route = { method: 'get' | 'post'; path: (w: World) => string; body?: Record<string, string> };

// Every route of the instructor area. The table drives the authorization tests below.
const CLASS_ROUTES: Route[] = [
  { method: 'get', path: (w) => `/instructor/classes/${w.classId}` },
  { method: 'get', path: (w) => `/instructor/classes/${w.classId}/live` },
  { method: 'get', path: (w) => `/instructor/classes/${w.classId}/settings` },
  { method: 'post', path: (w) => `/instructor/classes/${w.classId}/name`, body: { name: 'Mine now' } },
  { method: 'post', path: (w) => `/instructor/classes/${w.classId}/content`, body: {} },
  { method: 'post', path: (w) => `/instructor/classes/${w.classId}/code/rotate` },
  { method: 'post', path: (w) => `/instructor/classes/${w.classId}/code/disable` },
  { method: 'post', path: (w) => `/instructor/classes/${w.classId}/code/enable` },
  { method: 'post', path: (w) => `/instructor/classes/${w.classId}/import`, body: { csv: 'name,email\nEve,eve@example.org' } },
  { method: 'get', path: (w) => `/instructor/classes/${w.classId}/students/${w.studentId}` },
  { method: 'post', path: (w) => `/instructor/classes/${w.classId}/students/${w.studentId}/reset-password` },
  { method: 'post', path: (w) => `/instructor/classes/${w.classId}/sandboxes/attempt-${w.attemptId}/end` },
  { method: 'get', path: (w) => `/instructor/classes/${w.classId}/export/matrix.csv` },
  { method: 'get', path: (w) => `/instructor/classes/${w.classId}/export/attempts.csv` },
  { method: 'get', path: (w) => `/instructor/classes/${w.classId}/export/students.csv` },
  { method: 'get', path: (w) => `/instructor/classes/${w.classId}/audit` },
];
const OWN_ROUTES: Route[] = [
  { method: 'get', path: () => '/instructor' },
  { method: 'post', path: () => '/instructor/classes', body: { name: 'Sneaky' } },
];

const send = (who: SignedInAgent, route: Route, w: World, csrf = true) => {
  const path = route.path(w);
  if (route.method === 'get') return who.agent.get(path);
  return who.agent.post(path).type('form').send({ ...(csrf ? { _csrf: who.csrf } : {}), ...route.body });
};

describe.concurrent('instructor routes: authorization', () => {
  it.each([...CLASS_ROUTES, ...OWN_ROUTES].map((r) => [`${r.method.toUpperCase()} ${r.path({ classId: 1, studentId: 3, attemptId: 1 } as World)}`, r] as const))(
    'refuses a student: %s',
    async (_name, route) => {
      const w = await world();
      const res = await send(w.student, route, w);
      expect(res.status).toBe(403);
      expect(res.text).toContain('Only an instructor can do this.');
    },
  );

  it.each(CLASS_ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path({ classId: 1, studentId: 3, attemptId: 1 } as World)}`, r] as const))(
    "refuses another instructor's class: %s",
    async (_name, route) => {
      const w = await world();
      const res = await send(w.other, route, w);
      expect(res.status).toBe(403);
      expect(res.text).toContain('That is not in one of your classes.');
      // Nothing changed behind the refusal.
      expect(w.t.db.first<{ name: string }>('SELECT name FROM classes WHERE id = ?', [w.classId])?.name).toBe('Containers 101');
      expect(w.t.db.first<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE action <> ?', ['class.created'])?.n).toBe(0);
    },
  );

  it.each([...CLASS_ROUTES, ...OWN_ROUTES].filter((r) => r.method === 'post').map((r) => [r.path({ classId: 1, studentId: 3, attemptId: 1 } as World), r] as const))(
    'refuses a form without its CSRF token: POST %s',
    async (_name, route) => {
      const w = await world();
      const res = await send(w.owner, route, w, false);
      expect(res.status).toBe(403);
      expect(res.text).toContain('This form has expired or came from another site.');
    },
  );

  it('lets the owner through every route', async () => {
    const w = await world();
    for (const route of [...CLASS_ROUTES, ...OWN_ROUTES]) {
      const res = await send(w.owner, route, w);
      expect([200, 303], `${route.method} ${route.path(w)}`).toContain(res.status);
    }
  });

  it('refuses a student of another class and a class that does not exist, alike', async () => {
    const w = await world();
    const outsider = await signIn(w.t, 'olga', 'correct horse');
    const olgaId = w.t.db.first<{ id: number }>(`SELECT id FROM users WHERE username = 'olga'`)?.id;
    expect((await w.owner.agent.get(`/instructor/classes/${w.classId}/students/${olgaId}`)).status).toBe(403);
    expect((await w.owner.agent.get('/instructor/classes/999')).status).toBe(403);
    expect((await outsider.agent.get('/instructor')).status).toBe(403);
  });

  it('answers 401 when signed out', async () => {
    const w = await world();
    expect((await request(w.t.app).get(`/instructor/classes/${w.classId}`)).status).toBe(401);
  });
});

describe.concurrent('instructor routes: what they do', () => {
  it('creates a class and lists it with its join code', async () => {
    const w = await world();
    const created = await w.owner.agent.post('/instructor/classes').type('form').send({ _csrf: w.owner.csrf, name: 'Kubernetes basics' }).expect(303);
    expect(created.headers.location).toMatch(/^\/instructor\/classes\/\d+\/settings$/);
    const list = await w.owner.agent.get('/instructor').expect(200);
    expect(list.text).toContain('Kubernetes basics');
    expect(list.text).toMatch(/code <code>[A-Z2-9]{4}-[A-Z2-9]{4}<\/code>/);
    expect((await w.other.agent.get('/instructor')).text).not.toContain('Kubernetes basics');
  });

  it('imports a roster and shows each one-time password once', async () => {
    const w = await world();
    const res = await w.owner.agent
      .post(`/instructor/classes/${w.classId}/import`)
      .type('form')
      .send({ _csrf: w.owner.csrf, csv: 'name,email\nAna Lima,ana@example.org\n"Bo, Jr.",bo@example.org\n' })
      .expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const passwords = [...res.text.matchAll(/<code class="otp">([a-z0-9-]+)<\/code>/g)].map((m) => m[1]);
    expect(passwords).toHaveLength(2);
    const roster = new StudentAccounts(w.t.db).roster(w.classId).map((s) => [s.displayName, s.username, s.mustChangePassword]);
    expect(roster).toEqual([['Ana Lima', 'ana', true], ['Bo, Jr.', 'bo', true], ['sam', 'sam', false]]);
    expect(await w.t.deps.users.authenticate('ana', passwords[0] ?? '')).toBeDefined();
    const audit = await w.owner.agent.get(`/instructor/classes/${w.classId}/audit`);
    expect(audit.text).toContain('imported 2 students from a CSV');
  });

  it('reports the bad line of a roster and creates nobody', async () => {
    const w = await world();
    const before = w.t.deps.users.count();
    const res = await w.owner.agent
      .post(`/instructor/classes/${w.classId}/import`)
      .type('form')
      .send({ _csrf: w.owner.csrf, csv: 'name,email\nAna,ana@example.org\nBo,bo@example.org\nCy,not-an-address\n' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Nothing was imported. line 4: email is not valid');
    expect(res.text).toContain('Cy,not-an-address'); // the text is kept for fixing
    expect(w.t.deps.users.count()).toBe(before);
    expect(w.t.db.first<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'students.imported'`)?.n).toBe(0);
  });

  it('resets a password: the old one stops working, the student is signed out, the log says so', async () => {
    const w = await world();
    const res = await w.owner.agent.post(`/instructor/classes/${w.classId}/students/${w.studentId}/reset-password`).type('form').send({ _csrf: w.owner.csrf }).expect(200);
    const password = /<code class="otp">([a-z0-9-]+)<\/code>/.exec(res.text)?.[1] ?? '';
    expect(await w.t.deps.users.authenticate('sam', 'correct horse')).toBeUndefined();
    expect(await w.t.deps.users.authenticate('sam', password)).toBeDefined();
    expect((await w.student.agent.get('/')).status).toBe(401);
    const audit = await w.owner.agent.get(`/instructor/classes/${w.classId}/audit`);
    expect(audit.text).toContain('reset the password');
  });

  it('rotates and disables the join code, and logs both', async () => {
    const w = await world();
    const before = new ClassService(w.t.db).byId(w.classId)?.joinCode;
    await w.owner.agent.post(`/instructor/classes/${w.classId}/code/rotate`).type('form').send({ _csrf: w.owner.csrf }).expect(303);
    await w.owner.agent.post(`/instructor/classes/${w.classId}/code/disable`).type('form').send({ _csrf: w.owner.csrf }).expect(303);
    const after = new ClassService(w.t.db).byId(w.classId);
    expect(after?.joinCode).not.toBe(before);
    expect(after?.joinEnabled).toBe(false);
    const actions = w.t.db.all<{ action: string }>('SELECT action FROM audit_log ORDER BY id').map((r) => r.action);
    expect(actions).toEqual(['class.created', 'join_code.rotated', 'join_code.disabled']);
  });

  it('chooses topics and challenges with a due date, and refuses a bad date', async () => {
    const w = await world();
    w.t.db.run(`INSERT INTO cards (id, kind, topic, prompt, answer, source_file, source_line, position, created_at, updated_at)
                VALUES ('k1', 'basic', 'Kubernetes › Pods', 'q', 'a', 'k.md', 1, 1, 0, 0)`);
    const deps: AppDeps = {
      ...w.t.deps,
      challengeCatalog: staticChallengeCatalog([
        { id: 'run-detached', title: 'Run detached', topic: 'Docker' },
        { id: 'publish-port', title: 'Publish a port', topic: 'Docker' },
      ]),
    };
    const app = createApp(deps);
    const agent = request.agent(app);
    const page = await agent.get('/login');
    await agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), username: 'ada', password: 'correct horse' }).expect(303);
    const csrf = csrfFrom((await agent.get(`/instructor/classes/${w.classId}/settings`).expect(200)).text);
    const path = `/instructor/classes/${w.classId}/content`;
    await agent.post(path).type('form').send({ _csrf: csrf, topics: 'Kubernetes', challenges: ['publish-port', 'run-detached'], 'due:publish-port': '2026-04-01', 'due:run-detached': '' }).expect(303);
    expect(new ClassService(w.t.db).content(w.classId)).toEqual({
      topics: ['Kubernetes'],
      challenges: [{ challengeId: 'run-detached', dueDay: null }, { challengeId: 'publish-port', dueDay: '2026-04-01' }],
    });
    const badDate = await agent.post(path).type('form').send({ _csrf: csrf, challenges: 'publish-port', 'due:publish-port': 'soon' });
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('due:publish-port: must be a date such as 2026-04-30');
    const badTopic = await agent.post(path).type('form').send({ _csrf: csrf, topics: 'Nope' });
    expect(badTopic.status).toBe(400);
    expect(badTopic.text).toContain('topics: &#34;Nope&#34; is not a topic of the cards');
    const audit = (await agent.get(`/instructor/classes/${w.classId}/audit`)).text;
    expect(audit).toContain('changed the class content: topics: +Kubernetes; challenges: +run-detached +publish-port (due 2026-04-01)');
  });

  it('ends a live sandbox from the dashboard and logs it', async () => {
    const w = await world();
    const page = await w.owner.agent.get(`/instructor/classes/${w.classId}`).expect(200);
    expect(page.text).toContain(`data-testid="sandbox-attempt-${w.attemptId}"`);
    await w.owner.agent.post(`/instructor/classes/${w.classId}/sandboxes/attempt-${w.attemptId}/end`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(303);
    expect(w.t.db.first<{ status: string }>('SELECT status FROM challenge_attempts WHERE id = ?', [w.attemptId])?.status).toBe('ended');
    const audit = await w.owner.agent.get(`/instructor/classes/${w.classId}/audit`);
    expect(audit.text).toContain(`ended the sandbox attempt-${w.attemptId}`);
    // Ended once: a second press finds nothing of the class to end.
    expect((await w.owner.agent.post(`/instructor/classes/${w.classId}/sandboxes/attempt-${w.attemptId}/end`).type('form').send({ _csrf: w.owner.csrf })).status).toBe(403);
  });
});
