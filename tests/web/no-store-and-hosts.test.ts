import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ClassService } from '../../src/classes/class-service.js';
import { buildTestApp, signIn } from '../support/app.js';

describe('Cache-Control', () => {
  it('is no-store on signed-in pages', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    for (const path of ['/', '/account', '/instructor']) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('is no-store on CSV exports, which hold students’ emails', async () => {
    const t = buildTestApp();
    const { agent } = await signIn(t);
    const cls = new ClassService(t.db).create('Containers 101', { userId: 1, now: 0 });
    const res = await agent.get(`/instructor/classes/${cls.id}/export/students.csv`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('leaves static files cacheable', async () => {
    const t = buildTestApp();
    const res = await request(t.app).get('/static/app.css').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });
});

describe('the Host allow-list', () => {
  it('refuses a name that is not the server’s, as DNS rebinding would send, even before set-up', async () => {
    const t = buildTestApp({ DECKHAND_HOST: '0.0.0.0' });
    const res = await request(t.app).get('/setup').set('Host', 'evil.example:3000');
    expect(res.status).toBe(421);
    expect(res.text).toContain('This server does not answer to the name &#34;evil.example&#34;. Its administrator can add it to DECKHAND_ALLOWED_HOSTS.');
  });

  it('answers the names in DECKHAND_ALLOWED_HOSTS and nothing else', async () => {
    const t = buildTestApp({ DECKHAND_HOST: '0.0.0.0', DECKHAND_ALLOWED_HOSTS: 'class.example.org, 10.1.2.3' });
    expect((await request(t.app).get('/setup').set('Host', 'class.example.org:3000')).status).not.toBe(421);
    expect((await request(t.app).get('/setup').set('Host', 'CLASS.example.org')).status).not.toBe(421);
    expect((await request(t.app).get('/setup').set('Host', '10.1.2.3:3000')).status).not.toBe(421);
    expect((await request(t.app).get('/setup').set('Host', '127.0.0.1:3000')).status).toBe(421);
  });

  it('answers localhost and the loopback addresses by default', async () => {
    const t = buildTestApp({ DECKHAND_HOST: '0.0.0.0' });
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000']) {
      expect((await request(t.app).get('/setup').set('Host', host)).status, host).not.toBe(421);
    }
  });

  it('lets /healthz answer any name, for load balancers and health checks', async () => {
    const t = buildTestApp({ DECKHAND_HOST: '0.0.0.0' });
    expect((await request(t.app).get('/healthz').set('Host', 'deckhand')).status).toBe(200);
  });
});
