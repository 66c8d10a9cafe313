import { createServer } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { loadIsolatedConfig } from '../../src/sandbox/isolated/config.js';
import { IsolatedSandboxes } from '../../src/sandbox/isolated/sandbox-pool.js';
import { attachTerminalServer } from '../../src/terminal/terminal-server.js';
import { buildTestApp } from '../support/app.js';

/** Sends a raw request and resolves with the first line the server answers. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString();
    });
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

describe('terminal upgrades that are not even well-formed', () => {
  it('are answered with 400 and leave the server running', async () => {
    const t = buildTestApp();
    // The pool is never asked to start anything here; no engine is contacted.
    const sandboxes = new IsolatedSandboxes({
      db: t.db,
      host: new Docker({ socketPath: '/nonexistent.sock' }),
      config: loadIsolatedConfig({ DECKHAND_SANDBOX_MODE: 'isolated' }),
      clock: t.clock,
      logger: t.deps.logger,
    });
    const server = createServer(t.app);
    const terminals = attachTerminalServer(server, { ...t.deps, sandboxes });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const upgrade = (path: string) =>
      rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    expect(await upgrade('//[')).toMatch(/^HTTP\/1\.1 (400|404)/);
    expect(await upgrade('/sandboxes/%zz/terminal')).toMatch(/^HTTP\/1\.1 400/);
    // Still alive: an ordinary request is served.
    expect(await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toBe('HTTP/1.1 200 OK');
    terminals.close();
    server.close();
  });
});
