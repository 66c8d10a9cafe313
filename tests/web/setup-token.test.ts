import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { setupToken } from '../../src/accounts/setup-token.js';
import { SETUP_TOKEN_NEEDED } from '../../src/web/routes/auth-routes.js';
import { buildTestApp, csrfFrom } from '../support/app.js';

const escaped = (text: string) => text.replace(/'/g, '&#39;');

describe('the first-account form on a server that listens beyond loopback', () => {
  it('is closed to a visitor without the token printed on the console', async () => {
    const t = buildTestApp({ DECKHAND_HOST: '0.0.0.0' });
    const agent = request.agent(t.app);
    const page = await agent.get('/setup');
    expect(page.status).toBe(403);
    expect(page.text).toContain(escaped(SETUP_TOKEN_NEEDED));
    expect(page.text).not.toContain('name="password"');
    const res = await agent.post('/setup').type('form').send({ _csrf: csrfFrom(page.text), username: 'mallory', password: 'tidal lantern' });
    expect(res.status).toBe(403);
    expect(t.deps.users.count()).toBe(0);
  });

  it('refuses a wrong token', async () => {
    const t = buildTestApp({ DECKHAND_HOST: '0.0.0.0' });
    const agent = request.agent(t.app);
    const page = await agent.get('/setup?token=guess');
    expect(page.status).toBe(403);
    const res = await agent.post('/setup').type('form').send({ _csrf: csrfFrom(page.text), token: 'guess', username: 'mallory', password: 'tidal lantern' });
    expect(res.status).toBe(403);
    expect(t.deps.users.count()).toBe(0);
  });

  it('creates the instructor with the token from the console link', async () => {
    const t = buildTestApp({ DECKHAND_HOST: '0.0.0.0' });
    const token = setupToken(t.db);
    const agent = request.agent(t.app);
    const page = await agent.get(`/setup?token=${token}`).expect(200);
    expect(page.text).toContain(`name="token" value="${token}"`);
    await agent.post('/setup').type('form').send({ _csrf: csrfFrom(page.text), token, username: 'grace', password: 'tidal lantern', timeZone: 'UTC' }).expect(303);
    expect(t.db.first('SELECT username, role FROM users')).toEqual({ username: 'grace', role: 'instructor' });
  });

  it('keeps the token through a form that comes back with an error', async () => {
    const t = buildTestApp({ DECKHAND_HOST: '0.0.0.0' });
    const token = setupToken(t.db);
    const agent = request.agent(t.app);
    const page = await agent.get(`/setup?token=${token}`);
    const res = await agent.post('/setup').type('form').send({ _csrf: csrfFrom(page.text), token, username: 'grace', password: 'password' });
    expect(res.status).toBe(400);
    expect(res.text).toContain(`name="token" value="${token}"`);
  });

  it('is not asked for on loopback, where only this machine can reach the form', async () => {
    const t = buildTestApp({ DECKHAND_HOST: '127.0.0.1' });
    expect((await request(t.app).get('/setup')).status).toBe(200);
  });
});
