import { accessSync, constants, statSync } from 'node:fs';

/**
 * Watches that the path the server opened is still the file it writes to. SQLite keeps writing
 * to an open file after `rm` (the inode lives on until closed) and after `chmod a-w` (the
 * descriptor was opened writable), so without this check answers are acknowledged into a file
 * that is gone, or that the next start cannot write. Two `stat`-sized system calls per check.
 */
export class DatabaseFileGuard {
  private readonly dev: number;
  private readonly ino: number;

  constructor(readonly file: string) {
    const stat = statSync(file);
    this.dev = stat.dev;
    this.ino = stat.ino;
  }

  /** What is wrong with the file, in words ("was deleted"), or undefined when all is well. */
  problem(): string | undefined {
    let stat;
    try {
      stat = statSync(this.file);
    } catch {
      return 'was deleted';
    }
    if (stat.dev !== this.dev || stat.ino !== this.ino) return 'was replaced by another file';
    // Root may write to any file, so a file whose write bits are all off counts as read-only too:
    // that is what the person who ran `chmod a-w` meant.
    if ((stat.mode & 0o222) === 0) return 'is read-only';
    try {
      accessSync(this.file, constants.W_OK);
    } catch {
      return 'is read-only';
    }
    return undefined;
  }
}
