import cookieParser from 'cookie-parser';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ClassService } from '../../src/classes/class-service.js';
import { StudentAccounts } from '../../src/classes/student-accounts.js';
import { loadSession } from '../../src/web/session.js';
import { CLOSED_CODE, requireChosenPassword, WRONG_CODE } from '../../src/web/routes/join-routes.js';
import { buildTestApp, csrfFrom, signIn, type TestApp } from '../support/app.js';

async function classWithCode(): Promise<{ t: TestApp; classId: number; code: string }> {
  const t = buildTestApp();
  await signIn(t, 'ada', 'correct horse');
  const cls = new ClassService(t.db).create('Containers 101', { userId: 1, now: 0 });
  return { t, classId: cls.id, code: cls.joinCode };
}

async function joinForm(t: TestApp, fields: Record<string, string>) {
  const agent = request.agent(t.app);
  const page = await agent.get('/join').expect(200);
  const res = await agent.post('/join').type('form').send({ _csrf: csrfFrom(page.text), ...fields });
  return { agent, res };
}

const student = { username: 'sam', displayName: 'Sam Okafor', password: 'long enough' };

describe.concurrent('joining a class', () => {
  it('creates the account, signs it in and puts it in the class; the code may be typed loosely', async () => {
    const { t, classId, code } = await classWithCode();
    const loose = code.toLowerCase().replace('-', ' ');
    const { agent, res } = await joinForm(t, { ...student, code: loose });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Sam Okafor');
    const roster = new StudentAccounts(t.db).roster(classId);
    expect(roster.map((s) => [s.username, s.displayName])).toEqual([['sam', 'Sam Okafor']]);
    expect(t.deps.users.byId(roster[0]?.userId ?? 0)?.role).toBe('student');
  });

  it('refuses a wrong code with a clear message and creates nobody', async () => {
    const { t } = await classWithCode();
    const { res } = await joinForm(t, { ...student, code: 'ZZZZ-ZZZZ' });
    expect(res.status).toBe(400);
    expect(res.text).toContain(WRONG_CODE);
    expect(res.text).toContain('value="sam"'); // what was typed is kept
    expect(t.deps.users.count()).toBe(1);
  });

  it('refuses a disabled code and an old code after rotation', async () => {
    const { t, classId, code } = await classWithCode();
    const classes = new ClassService(t.db);
    classes.setJoinEnabled(classId, false, { userId: 1, now: 0 });
    const closed = await joinForm(t, { ...student, code });
    expect(closed.res.status).toBe(403);
    expect(closed.res.text).toContain(CLOSED_CODE);
    classes.setJoinEnabled(classId, true, { userId: 1, now: 0 });
    classes.rotateCode(classId, { userId: 1, now: 0 });
    const old = await joinForm(t, { ...student, code });
    expect(old.res.status).toBe(400);
    expect(old.res.text).toContain(WRONG_CODE);
    expect(t.deps.users.count()).toBe(1);
  });

  it('refuses a taken username and a short password by field', async () => {
    const { t, code } = await classWithCode();
    const taken = await joinForm(t, { ...student, username: 'ADA', code });
    expect(taken.res.status).toBe(400);
    expect(taken.res.text).toContain('username: that username is taken; choose another');
    const short = await joinForm(t, { ...student, password: 'short', code });
    expect(short.res.text).toContain('password: must be at least 8 characters');
  });

  it('refuses the form without its CSRF token', async () => {
    const { t, code } = await classWithCode();
    const res = await request(t.app).post('/join').type('form').send({ ...student, code });
    expect(res.status).toBe(403);
    expect(t.deps.users.count()).toBe(1);
  });

  it('adds a signed-in student to one more class with the code alone', async () => {
    const { t, classId, code } = await classWithCode();
    const sam = await signIn(t, 'sam', 'correct horse');
    await sam.agent.post('/join').type('form').send({ _csrf: sam.csrf, code }).expect(303);
    expect(new StudentAccounts(t.db).roster(classId).map((s) => s.username)).toEqual(['sam']);
  });
});

describe.concurrent('one-time passwords', () => {
  it('lets a student with a one-time password choose their own without the old one', async () => {
    const { t, classId } = await classWithCode();
    const students = new StudentAccounts(t.db);
    const sam = await signIn(t, 'sam', 'correct horse');
    const samId = t.db.first<{ id: number }>(`SELECT id FROM users WHERE username = 'sam'`)?.id ?? 0;
    new ClassService(t.db).addMember(classId, samId, 0);
    const otp = await students.resetPassword(classId, samId, { userId: 1, now: 0 });
    const agent = request.agent(t.app);
    const login = await agent.get('/login');
    await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), username: 'sam', password: otp }).expect(303);
    const form = await agent.get('/account/password').expect(200);
    expect(form.text).toContain('You signed in with a one-time password');
    expect(form.text).not.toContain('name="current"');
    const mismatch = await agent.post('/account/password').type('form').send({ _csrf: csrfFrom(form.text), password: 'my own secret', confirm: 'other' });
    expect(mismatch.text).toContain('confirm: the two new passwords differ');
    await agent.post('/account/password').type('form').send({ _csrf: csrfFrom(form.text), password: 'my own secret', confirm: 'my own secret' }).expect(303);
    expect(students.mustChangePassword(samId)).toBe(false);
    expect(await t.deps.users.authenticate('sam', 'my own secret')).toBeDefined();
    expect((await sam.agent.get('/')).status).toBe(401); // the older session ended
  });

  it('asks for the current password when it is not a one-time one', async () => {
    const { t } = await classWithCode();
    const sam = await signIn(t, 'sam', 'correct horse');
    const res = await sam.agent.post('/account/password').type('form').send({ _csrf: sam.csrf, current: 'wrong one', password: 'my own secret', confirm: 'my own secret' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('current: that is not your current password');
  });

  it('requireChosenPassword sends such a student to /account/password first', async () => {
    const { t, classId } = await classWithCode();
    await signIn(t, 'sam', 'correct horse');
    const samId = t.db.first<{ id: number }>(`SELECT id FROM users WHERE username = 'sam'`)?.id ?? 0;
    const token = t.deps.sessions.create(samId, t.clock().getTime()).token;
    const app = express();
    app.use(cookieParser(), loadSession(t.deps.sessions, t.deps.users, t.clock), requireChosenPassword());
    app.all('/{*rest}', (_req, res) => void res.send('through'));
    const get = (path: string) => request(app).get(path).set('Cookie', `dh_session=${token}`);
    expect((await get('/review')).text).toBe('through');
    await new StudentAccounts(t.db).resetPassword(classId, samId, { userId: 1, now: 0 });
    const res = await get('/review');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account/password');
    expect((await get('/account/password')).text).toBe('through');
    expect((await request(app).post('/review/answer').set('Cookie', `dh_session=${token}`)).status).toBe(403);
  });
});
