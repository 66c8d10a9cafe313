import { describe, expect, it } from 'vitest';
import { ExecCheck } from '../../src/grader/exec-check.js';
import { HttpCheck } from '../../src/grader/http-check.js';
import { emptySnapshot } from '../../src/grader/snapshot.js';

describe('exec check (evaluation of a recorded outcome)', () => {
  const check = new ExecCheck();
  const expectation = { in: { name: 'app' }, command: ['cat', '/tmp/greeting'], exitCode: 0, output: 'hello' };

  it('passes the right exit code and output', () => {
    const snapshot = { ...emptySnapshot(), execs: { file: { container: 'app', exitCode: 0, output: 'hello from exec\n' } } };
    expect(check.evaluate(expectation, snapshot, 'file').passed).toBe(true);
  });

  it('shows the exit code and output it got', () => {
    const snapshot = { ...emptySnapshot(), execs: { file: { container: 'app', exitCode: 1, output: "cat: can't open '/tmp/greeting'" } } };
    expect(check.evaluate(expectation, snapshot, 'file')).toEqual({
      passed: false,
      expected: '`cat /tmp/greeting` in container app, exits with 0, prints "hello"',
      observed: `in app: exit code 1, printed "cat: can't open '/tmp/greeting'"`,
    });
  });

  it('passes the probe error through', () => {
    const snapshot = { ...emptySnapshot(), execs: { file: { error: 'no running container app' } } };
    expect(check.evaluate(expectation, snapshot, 'file').observed).toBe('no running container app');
  });
});

describe('http check (evaluation of a recorded outcome)', () => {
  const check = new HttpCheck();
  const expectation = { port: 12345, path: '/', status: 200, body: 'Welcome' };

  it('passes status and body', () => {
    const snapshot = { ...emptySnapshot(), http: { serves: { url: 'http://127.0.0.1:12345/', status: 200, body: '<h1>Welcome to nginx!</h1>' } } };
    expect(check.evaluate(expectation, snapshot, 'serves')).toEqual({
      passed: true,
      expected: 'HTTP 200 from port 12345 with "Welcome" in the page',
      observed: 'http://127.0.0.1:12345/: HTTP 200, page says "Welcome to nginx!"',
    });
  });

  it('fails a refused connection in plain words', () => {
    const snapshot = { ...emptySnapshot(), http: { serves: { url: 'http://127.0.0.1:12345/', error: 'connection refused' } } };
    expect(check.evaluate(expectation, snapshot, 'serves').observed).toBe('http://127.0.0.1:12345/: connection refused');
  });

  it('fails the wrong page', () => {
    const snapshot = { ...emptySnapshot(), http: { serves: { url: 'http://127.0.0.1:12345/', status: 403, body: '403 Forbidden' } } };
    expect(check.evaluate(expectation, snapshot, 'serves').passed).toBe(false);
  });
});
