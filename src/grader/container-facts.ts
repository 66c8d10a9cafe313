import type { ContainerFacts, MountFacts, Snapshot } from './snapshot.js';

/**
 * Readings of a container that take interpretation: which ports are published, which ENV the
 * learner set, which namespace mode it uses. Each returns what the learner *meant*.
 */

/** `80`, `"80"`, `"80/tcp"` → `80/tcp`. */
export function normalizePort(port: string | number): string {
  const text = String(port).trim();
  return text.includes('/') ? text : `${text}/tcp`;
}

/**
 * Published ports as container port → host ports. A running container's live bindings win
 * (they show where `-P` landed); a stopped one falls back to what was asked for. IPv4 and IPv6
 * bindings of one host port count once; an empty host port means Docker picks one.
 */
export function publishedPorts(container: ContainerFacts): Map<string, string[]> {
  const live = container.NetworkSettings?.Ports ?? {};
  const liveHasBindings = Object.values(live).some((bindings) => (bindings?.length ?? 0) > 0);
  const source = container.State.Running && liveHasBindings ? live : (container.HostConfig.PortBindings ?? {});
  const result = new Map<string, string[]>();
  for (const [port, bindings] of Object.entries(source)) {
    if (!bindings || bindings.length === 0) continue;
    const hostPorts = [...new Set(bindings.map((binding) => binding.HostPort || 'a random port'))];
    result.set(port, hostPorts);
  }
  return result;
}

/** "80/tcp → 12345, 443/tcp → 8443", or "no published ports". */
export function portsWords(ports: Map<string, string[]>): string {
  if (ports.size === 0) return 'no published ports';
  return [...ports].map(([port, hosts]) => `${port} → ${hosts.join(' and ')}`).join(', ');
}

function envMap(entries: readonly string[] | null | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries ?? []) {
    const at = entry.indexOf('=');
    if (at > 0) map.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return map;
}

// Docker adds this PATH to every container whose image sets none; the learner did not set it.
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The variables the learner set: the container's ENV minus what its image already carries
 * (same name and value). A variable the image sets that the learner overrode counts as theirs.
 */
export function learnerEnv(container: ContainerFacts, snapshot: Snapshot): Map<string, string> {
  const imageEnv = envMap(snapshot.images[container.Image]?.Config?.Env);
  const own = new Map<string, string>();
  for (const [key, value] of envMap(container.Config.Env)) {
    if (imageEnv.get(key) === value) continue;
    if (key === 'PATH' && !imageEnv.has('PATH') && value === DEFAULT_PATH) continue;
    own.set(key, value);
  }
  return own;
}

/** The restart policy as the learner would write it: `no`, `always`, `on-failure:3`. */
export function restartPolicy(container: ContainerFacts): { name: string; words: string } {
  const name = container.HostConfig.RestartPolicy?.Name || 'no';
  const retries = container.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0;
  const words = name === 'on-failure' && retries > 0 ? `on-failure:${retries}` : name;
  return { name, words };
}

function sameDestination(mount: MountFacts, target: string): boolean {
  const trim = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);
  return trim(mount.Destination) === trim(target);
}

/** The mount at a target path, whichever flag (`-v` or `--mount`) made it. */
export function mountAt(container: ContainerFacts, target: string): MountFacts | undefined {
  return (container.Mounts ?? []).find((mount) => sameDestination(mount, target));
}

/** "bind /home/me/site → /usr/share/nginx/html (read-only)". */
export function mountWords(mount: MountFacts): string {
  const source = mount.Type === 'volume' ? (mount.Name ?? mount.Source ?? '') : (mount.Source ?? '');
  const readOnly = mount.RW === false ? ' (read-only)' : '';
  return `${mount.Type ?? 'mount'} ${source} → ${mount.Destination}${readOnly}`.replace('  ', ' ');
}

/** Docker's memory units (`64m`, `1g`, `512k`, bytes) in bytes. */
export function parseMemory(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(value.trim());
  if (!match) return Number.NaN;
  const units: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  return Math.round(Number(match[1]) * (units[(match[2] ?? '').toLowerCase()] ?? Number.NaN));
}

/** "64 MiB", "1.5 GiB", "no limit". */
export function memoryWords(bytes: number): string {
  if (!bytes) return 'no limit';
  if (bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  if (bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MiB`;
  return `${bytes} bytes`;
}

/** CPUs from `--cpus` (NanoCpus) or from `--cpu-quota` / `--cpu-period`; 0 when unlimited. */
export function cpuLimit(container: ContainerFacts): number {
  const nano = container.HostConfig.NanoCpus ?? 0;
  if (nano > 0) return nano / 1e9;
  const quota = container.HostConfig.CpuQuota ?? 0;
  const period = container.HostConfig.CpuPeriod || 100_000;
  return quota > 0 ? quota / period : 0;
}

/** A command written as one line or as words, as words (quotes are not interpreted). */
export function commandWords(command: string | readonly string[]): string[] {
  return typeof command === 'string' ? command.trim().split(/\s+/) : [...command];
}
