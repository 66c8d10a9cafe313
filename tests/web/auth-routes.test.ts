import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, csrfFrom, signIn } from '../support/app.js';

describe('first visit and accounts', () => {
  it('sends every page to the set-up form until the first account exists', async () => {
    const t = buildTestApp();
    const res = await request(t.app).get('/review');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/setup');
  });

  it('makes the first account an instructor and signs it in', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t, 'grace');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('grace');
    expect(t.db.first('SELECT username, role FROM users')).toEqual({ username: 'grace', role: 'instructor' });
  });

  it('refuses a second set-up once an account exists', async () => {
    const t = buildTestApp();
    await signIn(t, 'grace');
    const agent = request.agent(t.app);
    const page = await agent.get('/login');
    const res = await agent.post('/setup').type('form').send({ _csrf: csrfFrom(page.text), username: 'mallory', password: 'password123' });
    expect(res.status).toBe(303);
    expect(t.deps.users.count()).toBe(1);
  });

  it('re-renders the set-up form with a clear message for a short password, creating nothing', async () => {
    const t = buildTestApp();
    const agent = request.agent(t.app);
    const page = await agent.get('/setup');
    const res = await agent.post('/setup').type('form').send({ _csrf: csrfFrom(page.text), username: 'grace', password: 'short' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('password: must be at least 8 characters');
    expect(t.deps.users.count()).toBe(0);
  });

  it('rejects a form without the CSRF token with 403 and creates nothing', async () => {
    const t = buildTestApp();
    const res = await request(t.app).post('/setup').type('form').send({ username: 'grace', password: 'password123' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired or came from another site');
    expect(t.deps.users.count()).toBe(0);
  });

  it('says plainly when the password is wrong and does not sign in', async () => {
    const t = buildTestApp();
    await signIn(t, 'grace', 'right password');
    const agent = request.agent(t.app);
    const page = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), username: 'grace', password: 'wrong password' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('That username and password do not match.');
    expect((await agent.get('/review')).status).toBe(401);
  });

  it('rate-limits repeated failed sign-ins', async () => {
    const t = buildTestApp({ DECKHAND_LOGIN_ATTEMPTS: '3' });
    await signIn(t, 'grace', 'right password');
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get('/login')).text);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await agent.post('/login').type('form').send({ _csrf: csrf, username: 'grace', password: 'nope nope' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('signs out and the old session no longer works', async () => {
    const t = buildTestApp();
    const { agent, csrf } = await signIn(t);
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    expect((await agent.get('/')).status).toBe(401);
    expect(t.db.first<{ n: number }>('SELECT count(*) AS n FROM sessions')?.n).toBe(0);
  });

  it('sets an http-only, same-site session cookie', async () => {
    const t = buildTestApp();
    const agent = request.agent(t.app);
    const page = await agent.get('/setup');
    const res = await agent.post('/setup').type('form').send({ _csrf: csrfFrom(page.text), username: 'grace', password: 'tidal lantern' });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('dh_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('never redirects off-site after sign-in', async () => {
    const t = buildTestApp();
    await signIn(t, 'grace', 'right password');
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get('/login')).text);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'grace', password: 'right password', next: '//evil.example/' });
    expect(res.headers.location).toBe('/');
  });

  it('sends security headers', async () => {
    const t = buildTestApp();
    const res = await request(t.app).get('/setup');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('a signed-in form without its token', () => {
  it('renders the 403 page, not a server error', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    const res = await agent.post('/review/undo').type('form').send({});
    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired or came from another site');
  });
});

describe('the sign-in forms’ CSRF check', () => {
  it.each(['/login/', '/LOGIN', '/Login//'])('cannot be dodged by spelling the path %s', async (path) => {
    const t = buildTestApp();
    await signIn(t, 'grace', 'right password');
    const res = await request(t.app).post(path).type('form').send({ username: 'grace', password: 'right password' });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^dh_session=/)]));
  });
});
