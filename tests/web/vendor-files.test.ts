import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, signIn } from '../support/app.js';

describe('/vendor/xterm/<file>', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('answers 404 for %s, not a server error', async (name) => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    const res = await agent.get(`/vendor/xterm/${name}`);
    expect(res.status).toBe(404);
  });

  it('serves the three xterm files, cacheable', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    const res = await agent.get('/vendor/xterm/xterm.mjs').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
  });
});
