import { AttemptStore } from '../challenges/attempt-store.js';
import type { Database } from '../db/database.js';
import { notFound, unavailable } from '../errors/app-error.js';

/** A sandbox (or a live challenge attempt) the instructor can see and end. */
export interface LiveSandbox {
  /** Opaque to the dashboard; passed back to `end`. */
  id: string;
  userId: number;
  /** What is running: "isolated sandbox", or the challenge of a host-mode attempt. */
  label: string;
  startedAt: number;
  expiresAt: number | null;
}

/**
 * The live-sandboxes panel's view of the sandbox manager. The server passes its real one (which
 * stops containers) as `AppDeps.liveSandboxes`; without it the default below is used.
 */
export interface LiveSandboxes {
  /** The live sandboxes of these learners, oldest first. */
  list(userIds: readonly number[]): LiveSandbox[];
  /** Ends one sandbox; rejects with a 404 AppError when it is not live. */
  end(id: string): Promise<void>;
}

interface SandboxRow {
  id: string;
  user_id: number;
  created_at: number;
  expires_at: number;
}

const ATTEMPT_PREFIX = 'attempt-';
const SANDBOX_PREFIX = 'sandbox-';

/**
 * Reads what is live from the database: attempts still holding a sandbox, and the rows of the
 * `sandboxes` table when that migration exists. Ending an attempt here only marks it ended (the
 * attempt's own teardown removes its containers when it next runs); ending an isolated sandbox
 * needs the sandbox manager, so without it that is refused rather than pretended.
 */
export function databaseLiveSandboxes(db: Database, clock: () => Date): LiveSandboxes {
  const hasSandboxTable = () =>
    db.first(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sandboxes'`) !== undefined;
  const attemptStore = new AttemptStore(db);
  return {
    list(userIds) {
      const ids = JSON.stringify(userIds);
      const members = new Set(userIds);
      const attempts = attemptStore.allLive().flatMap((attempt): LiveSandbox[] =>
        attempt.userId !== null && members.has(attempt.userId)
          ? [{ id: `${ATTEMPT_PREFIX}${attempt.id}`, userId: attempt.userId, label: attempt.challengeId, startedAt: attempt.startedAt, expiresAt: null }]
          : [],
      );
      const sandboxes = hasSandboxTable()
        ? db
            .all<SandboxRow>(
              `SELECT id, user_id, created_at, expires_at FROM sandboxes
                WHERE user_id IN (SELECT value FROM json_each(?)) AND ended_at IS NULL`,
              [ids],
            )
            .map((row): LiveSandbox => ({ id: `${SANDBOX_PREFIX}${row.id}`, userId: row.user_id, label: 'isolated sandbox', startedAt: row.created_at, expiresAt: row.expires_at }))
        : [];
      return [...sandboxes, ...attempts].sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
    },
    async end(id) {
      if (id.startsWith(ATTEMPT_PREFIX)) {
        const attempt = attemptStore.byId(Number(id.slice(ATTEMPT_PREFIX.length)));
        if (!attempt || attempt.endedAt !== null) throw notFound('That sandbox has already ended.');
        attemptStore.recordEnd(attempt.id, clock().getTime());
        return;
      }
      throw unavailable('Ending an isolated sandbox needs the sandbox manager, which this server has not started.');
    },
  };
}
