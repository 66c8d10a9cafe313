import { request } from 'node:http';
import type { HttpExpect } from '../challenges/schema.js';
import type { CheckType, LiveContext, Verdict } from './check-type.js';
import { normalizePort, publishedPorts } from './container-facts.js';
import { selectContainers, selectorWords } from './container-select.js';
import type { HttpOutcome, Snapshot } from './snapshot.js';

const BODY_LIMIT = 64 * 1024;

/** The host port to probe: given outright, or where a container's port is published. */
function hostPort(expect: HttpExpect, snapshot: Snapshot): number | string {
  if (typeof expect.port === 'number') return expect.port;
  const port = normalizePort(expect.port.port);
  for (const container of selectContainers(snapshot, expect.port.container)) {
    const host = publishedPorts(container).get(port)?.find((p) => /^\d+$/.test(p));
    if (host) return Number(host);
  }
  return `${selectorWords(expect.port.container)} does not publish ${port}`;
}

function where(expect: HttpExpect): string {
  if (typeof expect.port === 'number') return `port ${expect.port}`;
  return `the host port of ${selectorWords(expect.port.container)}'s ${normalizePort(expect.port.port)}`;
}

function shorten(body: string): string {
  const flat = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat || '(empty)';
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset (nothing answers behind the published port)',
  EHOSTUNREACH: 'host unreachable',
};

/**
 * One GET with node:http rather than fetch: Node 20's fetch never settles when a published
 * port's proxy accepts and then resets the connection, which is exactly the case to report.
 */
function httpGet(url: string, timeoutMs: number): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < BODY_LIMIT) body += chunk;
      });
      response.on('end', () => resolve({ url, status: response.statusCode ?? 0, body }));
      response.on('error', (error) => resolve({ url, error: error.message }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ url, error: REASONS[error.code ?? ''] ?? error.message });
    });
    req.end();
  });
}

/** Probes a port on the sandbox's host and grades the status and the body text. */
export class HttpCheck implements CheckType<HttpExpect> {
  readonly kind = 'http';

  async probe(expect: HttpExpect, snapshot: Snapshot, live: LiveContext): Promise<{ http: HttpOutcome }> {
    const port = hostPort(expect, snapshot);
    if (typeof port === 'string') return { http: { url: '', error: port } };
    const url = `http://${live.httpHost}:${port}${expect.path}`;
    return { http: await httpGet(url, live.timeoutMs) };
  }

  evaluate(expect: HttpExpect, snapshot: Snapshot, checkId: string): Verdict {
    const body = expect.body === undefined ? '' : ` with "${expect.body}" in the page`;
    const expected = `HTTP ${expect.status} from ${where(expect)}${expect.path === '/' ? '' : ` at ${expect.path}`}${body}`;
    const outcome = snapshot.http[checkId];
    if (!outcome) return { passed: false, expected, observed: 'the port was not probed' };
    if ('error' in outcome) return { passed: false, expected, observed: outcome.url ? `${outcome.url}: ${outcome.error}` : outcome.error };
    const statusOk = outcome.status === expect.status;
    const bodyOk = expect.body === undefined || outcome.body.includes(expect.body);
    return {
      passed: statusOk && bodyOk,
      expected,
      observed: `${outcome.url}: HTTP ${outcome.status}, page says "${shorten(outcome.body)}"`,
    };
  }
}
