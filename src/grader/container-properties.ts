import type { ContainerExpect, MountExpect } from '../challenges/schema.js';
import { nameOfContainer, resolveContainerId } from './container-select.js';
import {
  commandWords,
  cpuLimit,
  learnerEnv,
  memoryWords,
  mountAt,
  mountWords,
  normalizePort,
  parseMemory,
  portsWords,
  publishedPorts,
  restartPolicy,
} from './container-facts.js';
import type { ContainerFacts, Snapshot } from './snapshot.js';

/** One property of one container compared with what the check expects. */
export interface PropertyReading {
  ok: boolean;
  expected: string;
  observed: string;
}

type Compare = (expect: ContainerExpect, container: ContainerFacts, snapshot: Snapshot) => PropertyReading | undefined;

function reading(ok: boolean, expected: string, observed: string): PropertyReading {
  return { ok, expected, observed };
}

function comparePorts(expect: ContainerExpect, container: ContainerFacts): PropertyReading | undefined {
  if (!expect.publishes) return undefined;
  const actual = publishedPorts(container);
  const wanted = Object.entries(expect.publishes).map(([port, host]) => [normalizePort(port), String(host)] as const);
  const ok = wanted.every(([port, host]) => {
    const hosts = actual.get(port) ?? [];
    return host === 'any' ? hosts.length > 0 : hosts.includes(host);
  });
  const expected = wanted
    .map(([port, host]) => (host === 'any' ? `${port} published` : `${port} → ${host}`))
    .join(', ');
  return reading(ok, expected, portsWords(actual));
}

function mountExpectWords(mount: MountExpect): string {
  const kind = mount.type ? `a ${mount.type} mount` : 'a mount';
  const source = mount.source ? ` of ${mount.source}` : '';
  const mode = mount.readOnly === true ? ' (read-only)' : mount.readOnly === false ? ' (writable)' : '';
  return `${kind}${source} at ${mount.target}${mode}`;
}

function mountMatches(expect: MountExpect, container: ContainerFacts): boolean {
  const mount = mountAt(container, expect.target);
  if (!mount) return false;
  if (expect.type && mount.Type !== expect.type) return false;
  if (expect.readOnly !== undefined && (mount.RW === false) !== expect.readOnly) return false;
  if (expect.source) {
    const source = expect.source.replace(/\/+$/, '');
    const named = mount.Type === 'volume' ? mount.Name === source : false;
    const path = mount.Source ?? '';
    const pathMatch = path === source || path.endsWith(`/${source.replace(/^\.?\//, '')}`);
    if (!named && !pathMatch) return false;
  }
  return true;
}

function compareMounts(expect: ContainerExpect, container: ContainerFacts): PropertyReading | undefined {
  if (!expect.mounts) return undefined;
  const ok = expect.mounts.every((mount) => mountMatches(mount, container));
  const mounts = container.Mounts ?? [];
  const observed = mounts.length === 0 ? 'no mounts' : mounts.map(mountWords).join(', ');
  return reading(ok, expect.mounts.map(mountExpectWords).join(', '), observed);
}

function compareEnv(expect: ContainerExpect, container: ContainerFacts, snapshot: Snapshot): PropertyReading | undefined {
  if (!expect.env) return undefined;
  const own = learnerEnv(container, snapshot);
  const wanted = Object.entries(expect.env);
  const ok = wanted.every(([key, value]) => own.get(key) === value);
  const observed = wanted
    .map(([key]) => (own.has(key) ? `${key}=${own.get(key) ?? ''}` : `${key} not set`))
    .join(', ');
  const others = [...own.keys()].filter((key) => !(key in (expect.env ?? {})));
  const extra = others.length > 0 ? ` (also set: ${others.join(', ')})` : '';
  return reading(ok, wanted.map(([key, value]) => `${key}=${value}`).join(', '), `${observed}${extra}`);
}

/** A namespace mode in words, with `container:<id>` shown by the container's name. */
function modeWords(mode: string, snapshot: Snapshot, what: string): string {
  if (mode.startsWith('container:')) {
    const id = resolveContainerId(snapshot, mode.slice('container:'.length));
    return `the ${what} of container ${id ? nameOfContainer(snapshot, id) : mode.slice(10)}`;
  }
  if (what === 'network' && ['', 'default', 'bridge'].includes(mode)) return 'the default bridge network';
  if (mode === '' || mode === 'default' || mode === 'private') return `its own ${what}`;
  return `${what} ${mode}`;
}

function sameMode(actual: string, wanted: string, snapshot: Snapshot): boolean {
  if (wanted.startsWith('container:') && actual.startsWith('container:')) {
    const a = resolveContainerId(snapshot, actual.slice(10));
    const b = resolveContainerId(snapshot, wanted.slice(10));
    return a !== undefined && a === b;
  }
  const plain = (mode: string): string => (mode === 'default' || mode === '' ? 'bridge' : mode);
  return plain(actual) === plain(wanted);
}

function compareNamespace(key: 'network' | 'pid' | 'ipc'): Compare {
  const what = key === 'network' ? 'network' : `${key} namespace`;
  return (expect, container, snapshot) => {
    const wanted = expect[key];
    if (wanted === undefined) return undefined;
    const field = key === 'network' ? 'NetworkMode' : key === 'pid' ? 'PidMode' : 'IpcMode';
    const actual = container.HostConfig[field] ?? '';
    let ok = sameMode(actual, wanted, snapshot);
    // A user-defined network is joined with --network NAME or `docker network connect`.
    if (!ok && key === 'network' && !wanted.includes(':')) {
      ok = Object.keys(container.NetworkSettings?.Networks ?? {}).includes(wanted);
    }
    return reading(ok, modeWords(wanted, snapshot, what), modeWords(actual, snapshot, what));
  };
}

function compareSimple<T>(
  key: keyof ContainerExpect,
  read: (container: ContainerFacts) => T,
  same: (actual: T, wanted: NonNullable<ContainerExpect[typeof key]>) => boolean,
  words: (value: T | NonNullable<ContainerExpect[typeof key]>, isActual: boolean) => string,
): Compare {
  return (expect, container) => {
    const wanted = expect[key];
    if (wanted === undefined) return undefined;
    const actual = read(container);
    return reading(same(actual, wanted), words(wanted, false), words(actual, true));
  };
}

const quoteWords = (value: unknown): string =>
  Array.isArray(value) ? value.join(' ') || '(none)' : typeof value === 'string' ? commandWords(value).join(' ') : String(value);

/** Every container property a check can state, in the order messages list them. */
export const CONTAINER_PROPERTIES: readonly Compare[] = [
  compareSimple(
    'state',
    (c) => (c.State.Status === 'exited' ? `exited (exit code ${c.State.ExitCode})` : c.State.Status),
    (a, w) => a.split(' ')[0] === w,
    (v) => String(v),
  ),
  comparePorts,
  compareSimple(
    'publishAll',
    (c) => c.HostConfig.PublishAllPorts === true,
    (a, w) => a === w,
    (v) => (v ? 'all exposed ports published (-P)' : 'not publishing all ports'),
  ),
  compareMounts,
  compareEnv,
  compareSimple(
    'restart',
    (c) => restartPolicy(c).words,
    (a, w) => a.split(':')[0] === w,
    (v, isActual) => (v === 'no' ? (isActual ? 'no restart policy' : 'restart policy no') : `restart policy ${String(v)}`),
  ),
  compareNamespace('network'),
  compareNamespace('pid'),
  compareNamespace('ipc'),
  compareSimple(
    'workdir',
    (c) => c.Config.WorkingDir || '/',
    (a, w) => a.replace(/\/+$/, '') === String(w).replace(/\/+$/, '') || (a === '/' && w === '/'),
    (v) => `working directory ${String(v)}`,
  ),
  compareSimple(
    'command',
    (c) => c.Config.Cmd ?? [],
    (a, w) => a.join('\u0000') === commandWords(w as string | string[]).join('\u0000'),
    (v) => `command ${quoteWords(v)}`,
  ),
  compareSimple(
    'user',
    (c) => c.Config.User ?? '',
    (a, w) => a === w || a.split(':')[0] === w,
    (v) => (v === '' ? 'the image’s default user' : `user ${String(v)}`),
  ),
  compareSimple(
    'memory',
    (c) => c.HostConfig.Memory ?? 0,
    (a, w) => a === parseMemory(w as number | string),
    (v, isActual) => `memory limit ${memoryWords(isActual ? (v as number) : parseMemory(v as number | string))}`,
  ),
  compareSimple(
    'cpus',
    cpuLimit,
    (a, w) => Math.abs(a - (w as number)) < 0.001,
    (v) => (v === 0 ? 'no CPU limit' : `${String(v)} CPUs`),
  ),
  compareSimple('interactive', (c) => c.Config.OpenStdin === true, (a, w) => a === w, (v) => (v ? 'stdin kept open (-i)' : 'stdin closed')),
  compareSimple('tty', (c) => c.Config.Tty === true, (a, w) => a === w, (v) => (v ? 'a terminal (-t)' : 'no terminal')),
  compareSimple('autoRemove', (c) => c.HostConfig.AutoRemove === true, (a, w) => a === w, (v) => (v ? 'removed on exit (--rm)' : 'kept after exit')),
];

/** Compares every stated property of `expect` with one container. */
export function readProperties(expect: ContainerExpect, container: ContainerFacts, snapshot: Snapshot): PropertyReading[] {
  return CONTAINER_PROPERTIES.map((compare) => compare(expect, container, snapshot)).filter(
    (result): result is PropertyReading => result !== undefined,
  );
}
