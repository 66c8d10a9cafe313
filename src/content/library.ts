import { watch, type FSWatcher } from 'node:fs';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { syncContent, type SyncResult } from './sync.js';

export interface ContentStatus extends SyncResult {
  loadedAt: number;
}

/**
 * The notes as the running server knows them: reloads on request (the instructor's button) or,
 * in development, when a file changes. Reloads run one at a time; the last result (with its
 * located errors) is kept for the instructor's content page.
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
  ) {}

  /** The result of the last reload, if any. */
  status(): ContentStatus | undefined {
    return this.last;
  }

  /** Recompiles and syncs the notes; a reload already under way is joined, not repeated. */
  reload(): Promise<ContentStatus> {
    this.running ??= (async () => {
      try {
        const now = this.clock().getTime();
        const result = await syncContent(this.db, this.dir, now);
        this.last = { ...result, loadedAt: now };
        const { cards, added, retired, revived, errors } = result;
        this.logger.info({ cards, added, retired, revived, errors: errors.length }, 'content loaded');
        for (const error of errors) this.logger.warn(`${error.file}:${error.line}: ${error.message}`);
        return this.last;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
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
