import { watch, type FSWatcher } from 'node:fs';
import type { CompileError } from '../compiler/types.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { syncContent, type SyncOptions, type SyncResult } from './sync.js';

export interface ContentStatus extends SyncResult {
  loadedAt: number;
}

/** A log line per problem up to this many; a 100,000-line note can have as many warnings. */
const LOGGED_PROBLEMS = 50;

/**
 * The notes as the running server knows them: reloads on request (the instructor's button) or,
 * in development, when a file changes. Reloads run one at a time, their compile in a worker
 * thread (see `syncContent`), so requests are answered meanwhile; the last result (with its
 * located errors and warnings) is kept for the instructor's content page.
 */
export class ContentLibrary {
  private last: ContentStatus | undefined;
  private running: Promise<ContentStatus> | undefined;
  private watcher: FSWatcher | undefined;

  constructor(
    private readonly db: Database,
    readonly dir: string,
    private readonly clock: () => Date,
    private readonly logger: Logger,
    private readonly options: SyncOptions = {},
  ) {}

  /** The result of the last reload, if any. */
  status(): ContentStatus | undefined {
    return this.last;
  }

  /** Whether a reload is under way (its compile may take seconds for large notes). */
  isReloading(): boolean {
    return this.running !== undefined;
  }

  /** Recompiles and syncs the notes; a reload already under way is joined, not repeated. */
  reload(): Promise<ContentStatus> {
    this.running ??= (async () => {
      try {
        const now = this.clock().getTime();
        const result = await syncContent(this.db, this.dir, now, this.options);
        this.last = { ...result, loadedAt: now };
        this.log(result);
        return this.last;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private log(result: SyncResult): void {
    const { cards, added, retired, revived, errors, warnings, heldBack, failure } = result;
    if (failure) this.logger.error(failure);
    this.logger.info({ cards, added, retired, revived, errors: errors.length, warnings: warnings.length, heldBack: heldBack.length }, 'content loaded');
    const logProblems = (problems: readonly CompileError[], kind: string): void => {
      for (const p of problems.slice(0, LOGGED_PROBLEMS)) this.logger.warn(`${p.file}:${p.line}: ${p.message}`);
      if (problems.length > LOGGED_PROBLEMS) this.logger.warn(`… and ${problems.length - LOGGED_PROBLEMS} more ${kind} (npm run compile lists them all)`);
    };
    logProblems(errors, 'errors');
    logProblems(warnings, 'warnings');
  }

  /** Watches the content folder and reloads shortly after edits stop (editors write in bursts). */
  watch(delayMs = 300): void {
    let timer: NodeJS.Timeout | undefined;
    this.watcher = watch(this.dir, { recursive: true }, (_event, file) => {
      if (!file || !String(file).endsWith('.md')) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.reload().catch((error: unknown) => this.logger.error({ err: error }, 'content reload failed'));
      }, delayMs);
    });
  }

  close(): void {
    this.watcher?.close();
  }
}
