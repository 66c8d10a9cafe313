import { describe, expect, it } from 'vitest';
import { ContainerCheck } from '../../src/grader/container-check.js';
import type { ContainerExpect } from '../../src/challenges/schema.js';
import { fixtureSnapshot, meta } from './fixtures.js';

const check = new ContainerCheck();
const grade = (expectation: ContainerExpect, only?: string[]) => check.evaluate(expectation, fixtureSnapshot(only));

describe('container check: ports', () => {
  it('passes -p 12345:80 and counts the IPv4 and IPv6 bindings as one', () => {
    const verdict = grade({ image: meta.web, publishes: { '80/tcp': 12345 } }, ['fx-published']);
    expect(verdict).toMatchObject({ passed: true, observed: 'fx-published: 80/tcp → 12345' });
  });

  it('fails reversed ports with what was expected and what was found', () => {
    const verdict = grade({ image: meta.web, publishes: { 80: 12345 } }, ['fx-reversed']);
    expect(verdict.passed).toBe(false);
    expect(verdict.expected).toContain('80/tcp → 12345');
    expect(verdict.observed).toBe('fx-reversed: 12345/tcp → 80');
  });

  it('passes -P and sees the port Docker chose', () => {
    const verdict = grade({ name: 'fx-publish-all', publishAll: true, publishes: { '80/tcp': 'any' } });
    expect(verdict.passed).toBe(true);
    expect(verdict.observed).toMatch(/80\/tcp → \d+/);
  });

  it('says when -P is missing', () => {
    const verdict = grade({ name: 'fx-published', publishAll: true });
    expect(verdict).toMatchObject({ passed: false, observed: 'fx-published: not publishing all ports' });
  });
});

describe('container check: mounts', () => {
  const pageMount = { type: 'bind' as const, target: '/usr/share/nginx/html', readOnly: true };

  it('treats -v host:path:ro and --mount type=bind,readonly the same', () => {
    expect(grade({ name: 'fx-bind-v', mounts: [pageMount] }).passed).toBe(true);
    expect(grade({ name: 'fx-bind-mount', mounts: [pageMount] }).passed).toBe(true);
  });

  it('fails a page mounted at the wrong path and shows where it went', () => {
    const verdict = grade({ name: 'fx-bind-wrong', mounts: [pageMount] });
    expect(verdict.passed).toBe(false);
    expect(verdict.expected).toContain('a bind mount at /usr/share/nginx/html (read-only)');
    expect(verdict.observed).toMatch(/^fx-bind-wrong: bind \/\S+ → \/usr\/share\/nginx$/);
  });

  it('treats -v name:/data and --mount source=name the same, and checks the volume name', () => {
    const mount = { type: 'volume' as const, source: 'fx-data', target: '/data' };
    expect(grade({ name: 'fx-volume-v', mounts: [mount] }).passed).toBe(true);
    expect(grade({ name: 'fx-volume-mount', mounts: [mount] }).passed).toBe(true);
    expect(grade({ name: 'fx-volume-v', mounts: [{ ...mount, source: 'other' }] }).passed).toBe(false);
  });

  it('says a container has no mounts', () => {
    expect(grade({ name: 'fx-published', mounts: [pageMount] }).observed).toBe('fx-published: no mounts');
  });
});

describe('container check: environment', () => {
  it('passes the variables the learner set with -e and --env', () => {
    expect(grade({ name: 'fx-env', env: { GREETING: 'hello', COLOR: 'blue' } }).passed).toBe(true);
  });

  it("does not count the image's own ENV as the learner's", () => {
    const verdict = grade({ name: 'fx-env', env: { NGINX_VERSION: '1.0' } });
    expect(verdict.passed).toBe(false);
    expect(verdict.observed).toBe('fx-env: NGINX_VERSION not set (also set: GREETING, COLOR)');
  });

  it("ignores the PATH Docker adds for an image that sets none", () => {
    const verdict = grade({ name: 'fx-volume-v', env: { GREETING: 'hello' } });
    expect(verdict.observed).toBe('fx-volume-v: GREETING not set');
  });
});

describe('container check: restart, state and namespaces', () => {
  it('compares restart policies by name', () => {
    expect(grade({ name: 'fx-restart', restart: 'unless-stopped' }).passed).toBe(true);
    expect(grade({ name: 'fx-restart-on-failure', restart: 'on-failure' }).passed).toBe(true);
    const wrong = grade({ name: 'fx-restart', restart: 'always' });
    expect(wrong).toMatchObject({
      passed: false,
      expected: 'container fx-restart: restart policy always',
      observed: 'fx-restart: restart policy unless-stopped',
    });
    expect(grade({ name: 'fx-published', restart: 'always' }).observed).toBe('fx-published: no restart policy');
  });

  it('fails a stopped container that should run, with its exit code', () => {
    const verdict = grade({ name: 'fx-stopped', state: 'running' });
    expect(verdict.passed).toBe(false);
    expect(verdict.observed).toMatch(/^fx-stopped: exited \(exit code \d+\)$/);
    expect(grade({ name: 'fx-box', state: 'created' }).passed).toBe(true);
  });

  it('treats container:<name> and container:<id> as the same namespace', () => {
    const joined = { network: 'container:fx-pause', pid: 'container:fx-pause', ipc: 'container:fx-pause' };
    expect(grade({ name: 'fx-joined-name', ...joined }).passed).toBe(true);
    expect(grade({ name: 'fx-joined-id', ...joined }).passed).toBe(true);
    const pauseId = fixtureSnapshot().names.find((n) => n.name === 'fx-pause')?.id ?? '';
    expect(grade({ name: 'fx-joined-name', network: `container:${pauseId.slice(0, 12)}` }).passed).toBe(true);
  });

  it('names the namespace a container really uses', () => {
    const verdict = grade({ name: 'fx-published', network: 'container:fx-pause', ipc: 'container:fx-pause' });
    expect(verdict.expected).toBe('container fx-published: the network of container fx-pause; the ipc namespace of container fx-pause');
    expect(verdict.observed).toBe('fx-published: the default bridge network; its own ipc namespace');
  });

  it('accepts a user-defined network joined with --network', () => {
    expect(grade({ name: 'fx-volume-v', network: 'fx-net' }).passed).toBe(true);
  });
});

describe('container check: config and limits', () => {
  it('reads working dir, user, memory and CPUs', () => {
    const verdict = grade({ name: 'fx-limits', workdir: '/srv', user: '1000', memory: '64m', cpus: 0.5 });
    expect(verdict.passed).toBe(true);
    const wrong = grade({ name: 'fx-limits', memory: '128m', cpus: 1 });
    expect(wrong.observed).toBe('fx-limits: memory limit 64 MiB; 0.5 CPUs');
  });

  it('reads the command, -i and -t', () => {
    expect(grade({ name: 'fx-interactive', interactive: true, tty: true, command: 'sh' }).passed).toBe(true);
    expect(grade({ name: 'fx-restart', command: ['sleep', '600'] }).passed).toBe(true);
    expect(grade({ name: 'fx-restart', interactive: true }).observed).toBe('fx-restart: stdin closed');
  });
});

describe('container check: selection', () => {
  it('fails the wrong image and lists what the attempt holds', () => {
    const verdict = grade({ image: meta.web, state: 'running' }, ['fx-box']);
    expect(verdict.passed).toBe(false);
    expect(verdict.observed).toMatch(/^this attempt's containers: fx-box \(.+, created\)$/);
  });

  it('passes when any of several candidates fits, and reports the closest otherwise', () => {
    expect(grade({ image: meta.web, publishes: { '80/tcp': 12345 } }).passed).toBe(true);
    const verdict = grade({ image: meta.web, publishes: { '80/tcp': 9999 } }, ['fx-stopped', 'fx-published']);
    expect(verdict.passed).toBe(false);
  });

  it('passes "absent" only when nothing matches', () => {
    expect(grade({ name: 'fx-gone', absent: true }).passed).toBe(true);
    const verdict = grade({ name: 'fx-box', absent: true });
    expect(verdict.passed).toBe(false);
    expect(verdict.observed).toMatch(/^found fx-box/);
  });

  it('never grades containers outside the attempt', () => {
    expect(grade({ name: 'fx-published' }, ['fx-box']).passed).toBe(false);
  });
});
