import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ClassService } from '../../src/classes/class-service.js';
import { StudentAccounts } from '../../src/classes/student-accounts.js';
import { buildTestApp, csrfFrom, signIn } from '../support/app.js';

const COMMON = 'password: is one of the most common passwords, which are guessed first; choose another (a few unrelated words work well)';

describe('every form that sets a password applies the policy', () => {
  it.each([
    ['grace', 'password', COMMON],
    ['grace', '12345678', COMMON],
    ['grace', 'aaaaaaaa', 'password: must not be one character repeated'],
    ['gracehopper', 'GraceHopper', 'password: must not be your username'],
    ['grace', '        ', 'password: must contain letters, digits or symbols, not only spaces or control characters'],
  ])('the set-up form refuses for %s the password %j', async (username, password, message) => {
    const t = buildTestApp();
    const agent = request.agent(t.app);
    const page = await agent.get('/setup');
    const res = await agent.post('/setup').type('form').send({ _csrf: csrfFrom(page.text), username, password });
    expect(res.status).toBe(400);
    expect(res.text).toContain(message.replace(/'/g, '&#39;'));
    expect(t.deps.users.count()).toBe(0);
  });

  it('the set-up form refuses eight NUL bytes', async () => {
    const t = buildTestApp();
    const agent = request.agent(t.app);
    const page = await agent.get('/setup');
    const res = await agent.post('/setup').type('form').send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&username=grace&password=${'%00'.repeat(8)}`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('password: must contain letters, digits or symbols, not only spaces or control characters');
  });

  it('the join form refuses a common password and keeps what was typed', async () => {
    const t = buildTestApp();
    await signIn(t, 'ada', 'correct horse');
    const { joinCode } = new ClassService(t.db).create('Containers 101', { userId: 1, now: 0 });
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get('/join')).text);
    const res = await agent.post('/join').type('form').send({ _csrf: csrf, code: joinCode, username: 'sam', displayName: 'Sam', password: 'iloveyou' });
    expect(res.status).toBe(400);
    expect(res.text).toContain(COMMON.replace(/'/g, '&#39;'));
    expect(res.text).toContain('value="sam"');
    expect(t.deps.users.count()).toBe(1);
  });

  it('the change-password form refuses the username and a common password as the new one', async () => {
    const t = buildTestApp();
    const { agent, csrf } = await signIn(t, 'gracehopper', 'right password');
    const change = (password: string) =>
      agent.post('/account/password').type('form').send({ _csrf: csrf, current: 'right password', password, confirm: password });
    const same = await change('GraceHopper');
    expect(same.status).toBe(400);
    expect(same.text).toContain('password: must not be your username');
    const common = await change('qwertyuiop');
    expect(common.status).toBe(400);
    expect(common.text).toContain(COMMON.replace(/'/g, '&#39;'));
    expect(await t.deps.users.authenticate('gracehopper', 'right password')).toBeDefined();
  });

  it('the one-time-password change refuses a common password and keeps the student on the form', async () => {
    const t = buildTestApp();
    await signIn(t, 'ada', 'correct horse');
    const cls = new ClassService(t.db).create('Containers 101', { userId: 1, now: 0 });
    await new StudentAccounts(t.db).createInClass(cls.id, [{ username: 'sam', displayName: 'Sam', email: null, password: 'abcd-efgh-jkmn', timeZone: 'UTC', oneTime: true }], 0);
    const agent = request.agent(t.app);
    const login = await agent.get('/login');
    await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), username: 'sam', password: 'abcd-efgh-jkmn' }).expect(303);
    const form = await agent.get('/account/password').expect(200);
    const res = await agent.post('/account/password').type('form').send({ _csrf: csrfFrom(form.text), password: 'password1', confirm: 'password1' });
    expect(res.status).toBe(400);
    expect(res.text).toContain(COMMON.replace(/'/g, '&#39;'));
    expect(res.text).toContain('You signed in with a one-time password');
    expect((await agent.get('/')).status).toBe(303);
  });
});
