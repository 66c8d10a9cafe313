import cron from 'node-cron';
import { z } from 'zod';
import { ConfigError, flag, integer, parseEnv } from './env-fields.js';
import { isValidTimeZone } from '../scheduler/day.js';
import { AllowedHosts, defaultAllowedHosts, isLoopbackHost, TrustProxy } from './network.js';

/** Every setting comes from an environment variable; the keys are the variable names. */
const EnvSchema = z.object({
  PORT: integer(1, 65_535, 3000),
  DECKHAND_HOST: z.string().min(1).default('127.0.0.1'),
  DECKHAND_DB: z.string().min(1).default('./data/deckhand.db'),
  DECKHAND_DB_CREATE: flag.default(false),
  DECKHAND_CONTENT_DIR: z.string().min(1).default('./content'),
  DECKHAND_BACKUP_DIR: z.string().min(1).default('./data/backups'),
  DECKHAND_BACKUP_KEEP: integer(1, 365, 7),
  DECKHAND_BACKUP_SCHEDULE: z
    .string()
    .refine((value) => cron.validate(value), { error: 'must be a cron expression such as "30 3 * * *"' })
    .default('30 3 * * *'),
  DECKHAND_ROLLOVER_HOUR: integer(0, 23, 4),
  DECKHAND_NEW_PER_DAY: integer(0, 9_999, 20),
  DECKHAND_REVIEWS_PER_DAY: integer(0, 99_999, 200),
  DECKHAND_TIME_ZONE: z
    .string()
    .refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' })
    .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  DECKHAND_SECURE_COOKIES: flag.default(false),
  DECKHAND_LOGIN_ATTEMPTS: integer(1, 10_000, 10),
  DECKHAND_JOINS_PER_HOUR: integer(1, 10_000, 60),
  DECKHAND_TRUST_PROXY: TrustProxy,
  DECKHAND_ALLOWED_HOSTS: AllowedHosts,
  DECKHAND_WATCH: flag.default(false),
  DECKHAND_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseFile: string;
  /** Create a new, empty database even where one existed before (or over an empty file). */
  createDatabase: boolean;
  contentDir: string;
  backup: { dir: string; keep: number; schedule: string };
  rolloverHour: number;
  newCardsPerDay: number;
  reviewsPerDay: number;
  /** Default time zone for new accounts; each learner can change their own. */
  timeZone: string;
  secureCookies: boolean;
  /** Failed sign-ins (and current-password checks) per username, and failed joins per address, per 15 minutes. */
  loginAttemptsPer15Min: number;
  /** Accounts made by joining a class, per address per hour. */
  joinsPerHour: number;
  /** express's `trust proxy`: false (the default) reads the client's address from the socket only. */
  trustProxy: false | number | string[];
  /** Host header values the server answers; anything else is refused (DNS rebinding). */
  allowedHosts: string[];
  /** Listening on an address other machines reach: the first-account form then needs the console's token. */
  listensBeyondLoopback: boolean;
  watchContent: boolean;
  logLevel: z.infer<typeof EnvSchema>['DECKHAND_LOG_LEVEL'];
}

export { ConfigError };

/** Reads and validates the configuration; a bad value names its variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = parseEnv(EnvSchema, env, 'Invalid configuration');
  return {
    port: e.PORT,
    host: e.DECKHAND_HOST,
    databaseFile: e.DECKHAND_DB,
    createDatabase: e.DECKHAND_DB_CREATE,
    contentDir: e.DECKHAND_CONTENT_DIR,
    backup: { dir: e.DECKHAND_BACKUP_DIR, keep: e.DECKHAND_BACKUP_KEEP, schedule: e.DECKHAND_BACKUP_SCHEDULE },
    rolloverHour: e.DECKHAND_ROLLOVER_HOUR,
    newCardsPerDay: e.DECKHAND_NEW_PER_DAY,
    reviewsPerDay: e.DECKHAND_REVIEWS_PER_DAY,
    timeZone: e.DECKHAND_TIME_ZONE,
    secureCookies: e.DECKHAND_SECURE_COOKIES,
    loginAttemptsPer15Min: e.DECKHAND_LOGIN_ATTEMPTS,
    joinsPerHour: e.DECKHAND_JOINS_PER_HOUR,
    trustProxy: e.DECKHAND_TRUST_PROXY,
    allowedHosts: e.DECKHAND_ALLOWED_HOSTS ?? defaultAllowedHosts(e.DECKHAND_HOST),
    listensBeyondLoopback: !isLoopbackHost(e.DECKHAND_HOST),
    watchContent: e.DECKHAND_WATCH,
    logLevel: e.DECKHAND_LOG_LEVEL,
  };
}
