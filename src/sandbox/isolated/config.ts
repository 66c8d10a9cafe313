import { z } from 'zod';
import { flag, integer, parseEnv, positive } from '../../config/env-fields.js';

const imageList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((image) => image.trim()).filter((image) => image.length > 0));

/**
 * How much the sandbox container may do on the host.
 * - `capabilities` (default): every capability but CAP_SYS_RESOURCE, seccomp and AppArmor off, no
 *   masked /proc paths, all devices. What works on hosts (like ours) where `--privileged` fails;
 *   it is root on the host in all but name.
 * - `privileged`: `--privileged`, the usual Docker-in-Docker recipe where the host allows it.
 * - `none`: no extra privileges at all. Only with a runtime that virtualises them, such as
 *   `sysbox-runc`, which gives the inner engine a user namespace: the safe choice for a class.
 */
export const PRIVILEGE_MODES = ['capabilities', 'privileged', 'none'] as const;
export type PrivilegeMode = (typeof PRIVILEGE_MODES)[number];

const EnvSchema = z.object({
  DECKHAND_SANDBOX_MODE: z.enum(['host', 'isolated'], { error: 'must be host or isolated' }).default('host'),
  DECKHAND_SANDBOX_IMAGE: z.string().trim().min(1).default('deckhand/dind:latest'),
  DECKHAND_SANDBOX_RUNTIME: z.string().trim().regex(/^[\w.-]+$/, { error: 'must be a runtime name such as sysbox-runc' }).default('runc'),
  DECKHAND_SANDBOX_PRIVILEGE: z.enum(PRIVILEGE_MODES, { error: 'must be capabilities, privileged or none' }).default('capabilities'),
  DECKHAND_SANDBOX_MEMORY_MB: integer(128, 65_536, 1024),
  DECKHAND_SANDBOX_CPUS: positive(64, 1),
  DECKHAND_SANDBOX_PIDS: integer(64, 65_536, 1024),
  /** 0 = no bound; otherwise `StorageOpt.size`, which needs overlay2 on xfs with pquota. */
  DECKHAND_SANDBOX_DISK_MB: integer(0, 1_048_576, 0),
  DECKHAND_SANDBOX_TTL_MINUTES: integer(1, 7 * 24 * 60, 120),
  DECKHAND_SANDBOX_IDLE_MINUTES: integer(1, 24 * 60, 30),
  DECKHAND_SANDBOX_STARTS_PER_HOUR: integer(1, 1_000, 10),
  DECKHAND_SANDBOX_MAX: integer(1, 1_000, 30),
  DECKHAND_SANDBOX_WARM_POOL: integer(0, 100, 0),
  DECKHAND_SANDBOX_READY_TIMEOUT_SECONDS: integer(1, 600, 60),
  /** Whether sandboxes reach the outside world (Debian's archive for `apt-get` in a build). */
  DECKHAND_SANDBOX_OUTBOUND: flag.default(true),
  /** Images copied into every new sandbox before it is handed out (comma-separated). */
  DECKHAND_SANDBOX_PRELOAD: imageList,
  DECKHAND_TERMINAL_GRACE_SECONDS: integer(0, 3_600, 300),
  DECKHAND_TERMINAL_SCROLLBACK_KB: integer(1, 4_096, 64),
});

/** The classroom's sandbox settings; every field comes from a `DECKHAND_SANDBOX_*` variable. */
export interface IsolatedConfig {
  mode: 'host' | 'isolated';
  image: string;
  runtime: string;
  privilege: PrivilegeMode;
  memoryBytes: number;
  nanoCpus: number;
  pidsLimit: number;
  /** 0 when disk use is not bounded. */
  diskBytes: number;
  ttlMs: number;
  idleMs: number;
  startsPerHour: number;
  maxSandboxes: number;
  warmPoolSize: number;
  readyTimeoutMs: number;
  outbound: boolean;
  preloadImages: string[];
  terminalGraceMs: number;
  scrollbackBytes: number;
}

/** A ConfigError, so the entry point reports it like any other bad setting (exit code 2). */
const MB = 1024 * 1024;

/** Reads and validates the sandbox settings; a bad value names its variable. */
export function loadIsolatedConfig(env: Record<string, string | undefined> = process.env): IsolatedConfig {
  const e = parseEnv(EnvSchema, env, 'Invalid sandbox configuration');
  return {
    mode: e.DECKHAND_SANDBOX_MODE,
    image: e.DECKHAND_SANDBOX_IMAGE,
    runtime: e.DECKHAND_SANDBOX_RUNTIME,
    privilege: e.DECKHAND_SANDBOX_PRIVILEGE,
    memoryBytes: e.DECKHAND_SANDBOX_MEMORY_MB * MB,
    nanoCpus: Math.round(e.DECKHAND_SANDBOX_CPUS * 1e9),
    pidsLimit: e.DECKHAND_SANDBOX_PIDS,
    diskBytes: e.DECKHAND_SANDBOX_DISK_MB * MB,
    ttlMs: e.DECKHAND_SANDBOX_TTL_MINUTES * 60_000,
    idleMs: e.DECKHAND_SANDBOX_IDLE_MINUTES * 60_000,
    startsPerHour: e.DECKHAND_SANDBOX_STARTS_PER_HOUR,
    maxSandboxes: e.DECKHAND_SANDBOX_MAX,
    warmPoolSize: e.DECKHAND_SANDBOX_WARM_POOL,
    readyTimeoutMs: e.DECKHAND_SANDBOX_READY_TIMEOUT_SECONDS * 1000,
    outbound: e.DECKHAND_SANDBOX_OUTBOUND,
    preloadImages: e.DECKHAND_SANDBOX_PRELOAD,
    terminalGraceMs: e.DECKHAND_TERMINAL_GRACE_SECONDS * 1000,
    scrollbackBytes: e.DECKHAND_TERMINAL_SCROLLBACK_KB * 1024,
  };
}
