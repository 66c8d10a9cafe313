import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ClassService } from '../../src/classes/class-service.js';
import { buildTestApp, csrfFrom, signIn, type TestApp } from '../support/app.js';

const TOO_MANY = 'Too many wrong passwords for this account.';

async function loginAttempt(t: TestApp, username: string, password: string, forwardedFor?: string) {
  const agent = request.agent(t.app);
  const csrf = csrfFrom((await agent.get('/login')).text);
  const post = agent.post('/login').type('form');
  if (forwardedFor) post.set('X-Forwarded-For', forwardedFor);
  return post.send({ _csrf: csrf, username, password });
}

describe('failed sign-ins are limited per username', () => {
  it('refuses even the right password once the account has used up its tries', async () => {
    const t = buildTestApp({ DECKHAND_LOGIN_ATTEMPTS: '3' });
    await signIn(t, 'grace', 'right password');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await loginAttempt(t, 'grace', `guess ${i}`)).status);
    const right = await loginAttempt(t, 'grace', 'right password');
    expect([...statuses, right.status]).toEqual([401, 401, 401, 429]);
    expect(right.text).toContain(TOO_MANY);
    expect(right.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^dh_session=/)]));
  });

  it('is not dodged by a rotating X-Forwarded-For', async () => {
    const t = buildTestApp({ DECKHAND_LOGIN_ATTEMPTS: '3' });
    await signIn(t, 'grace', 'right password');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await loginAttempt(t, 'grace', `guess ${i}`, `203.0.113.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('is not dodged by a rotating X-Forwarded-For behind a trusted proxy either', async () => {
    const t = buildTestApp({ DECKHAND_LOGIN_ATTEMPTS: '2', DECKHAND_TRUST_PROXY: 'loopback' });
    await signIn(t, 'grace', 'right password');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await loginAttempt(t, 'grace', `guess ${i}`, `198.51.100.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
  });

  it("does not lock out another learner's right password from the same address", async () => {
    const t = buildTestApp({ DECKHAND_LOGIN_ATTEMPTS: '3' });
    await signIn(t, 'grace', 'right password');
    await t.deps.users.create({ username: 'ada', password: 'lovelace engine', role: 'student', timeZone: 'UTC', now: 0 });
    for (let i = 0; i < 6; i++) await loginAttempt(t, 'grace', `guess ${i}`);
    const ada = await loginAttempt(t, 'ada', 'lovelace engine');
    expect(ada.status).toBe(303);
  });

  it('lets the account try again once the window has passed', async () => {
    const t = buildTestApp({ DECKHAND_LOGIN_ATTEMPTS: '2' });
    await signIn(t, 'grace', 'right password');
    for (let i = 0; i < 2; i++) await loginAttempt(t, 'grace', `guess ${i}`);
    expect((await loginAttempt(t, 'grace', 'right password')).status).toBe(429);
    t.clock.advance(15 * 60_000 + 1);
    expect((await loginAttempt(t, 'grace', 'right password')).status).toBe(303);
  });
});

describe('the current-password check of /account/password', () => {
  it('counts wrong current passwords with the failed sign-ins and then refuses the right one', async () => {
    const t = buildTestApp({ DECKHAND_LOGIN_ATTEMPTS: '3' });
    const { agent, csrf } = await signIn(t, 'grace', 'right password');
    const change = (current: string) =>
      agent.post('/account/password').type('form').send({ _csrf: csrf, current, password: 'brand new phrase', confirm: 'brand new phrase' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await change(`guess ${i}`)).status);
    const right = await change('right password');
    expect([...statuses, right.status]).toEqual([400, 400, 400, 429]);
    expect(right.text).toContain(TOO_MANY);
    expect(await t.deps.users.authenticate('grace', 'right password')).toBeDefined();
  });
});

describe('joining a class', () => {
  it('limits the accounts one address makes per hour', async () => {
    const t = buildTestApp({ DECKHAND_JOINS_PER_HOUR: '2' });
    await signIn(t, 'ada', 'correct horse');
    const { joinCode } = new ClassService(t.db).create('Containers 101', { userId: 1, now: 0 });
    const join = async (username: string) => {
      const agent = request.agent(t.app);
      const csrf = csrfFrom((await agent.get('/join')).text);
      return agent.post('/join').type('form').send({ _csrf: csrf, code: joinCode, username, displayName: username, password: 'long enough phrase' });
    };
    const statuses = [(await join('sam1')).status, (await join('sam2')).status];
    const third = await join('sam3');
    expect([...statuses, third.status]).toEqual([303, 303, 429]);
    expect(third.text).toContain('Too many accounts were made from this address in the last hour.');
    expect(t.deps.users.count()).toBe(3);
  });

  it('does not count a refused password toward the wrong-code limit', async () => {
    const t = buildTestApp({ DECKHAND_LOGIN_ATTEMPTS: '2' });
    await signIn(t, 'ada', 'correct horse');
    const { joinCode } = new ClassService(t.db).create('Containers 101', { userId: 1, now: 0 });
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get('/join')).text);
    const send = (password: string) => agent.post('/join').type('form').send({ _csrf: csrf, code: joinCode, username: 'sam', displayName: 'Sam', password });
    expect([(await send('password')).status, (await send('12345678')).status, (await send('qwertyuiop')).status]).toEqual([400, 400, 400]);
    expect((await send('long enough phrase')).status).toBe(303);
  });
});
