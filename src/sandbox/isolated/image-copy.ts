import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { SandboxError } from '../errors.js';

/** What one `ensureImages` call did, for logs and the benchmark. */
export interface CopyReport {
  copied: string[];
  alreadyThere: string[];
  ms: number;
}

function statusCode(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** Waits for a `docker load` progress stream to finish; an error line in it becomes a throw. */
function followLoad(docker: Docker, stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[] = []) => {
      const failed = output.find((line) => typeof line.error === 'string');
      if (error) reject(error);
      else if (failed) reject(new Error(failed.error));
      else resolve();
    });
  });
}

/**
 * Copies challenge images from the host engine into sandboxes' inner engines (no registry can be
 * reached, and a local registry mirror would be one more service to run and secure). Each image
 * is exported once per image id into `cacheDir` and the file is loaded into every sandbox that
 * needs it, so thirty learners cost one `docker save`, not thirty.
 */
export class ImageCopier {
  private readonly exports = new Map<string, Promise<string>>();

  constructor(
    private readonly host: Docker,
    private readonly cacheDir: string,
  ) {}

  /** Makes every reference present in `inner` with the same image id as on the host. */
  async ensureImages(inner: Docker, references: readonly string[]): Promise<CopyReport> {
    const started = performance.now();
    const report: CopyReport = { copied: [], alreadyThere: [], ms: 0 };
    await Promise.all(
      [...new Set(references)].map(async (reference) => {
        const id = await this.hostImageId(reference);
        const innerId = await inner
          .getImage(reference)
          .inspect()
          .then((info) => info.Id)
          .catch(() => undefined);
        if (innerId === id) {
          report.alreadyThere.push(reference);
          return;
        }
        const file = await this.exported(reference, id);
        await followLoad(inner, await inner.loadImage(createReadStream(file), { quiet: true }));
        report.copied.push(reference);
      }),
    );
    report.ms = Math.round(performance.now() - started);
    return report;
  }

  /** Deletes the exported files (the benchmark and tests clean up after themselves). */
  clearCache(): void {
    this.exports.clear();
    rmSync(this.cacheDir, { recursive: true, force: true });
  }

  private async hostImageId(reference: string): Promise<string> {
    try {
      return (await this.host.getImage(reference).inspect()).Id;
    } catch (error) {
      if (statusCode(error) === 404) {
        throw new SandboxError('missing-image', `The image ${reference} is missing on the server — the instructor can make it with npm run images`);
      }
      throw error;
    }
  }

  // One export per (reference, id) even when many sandboxes ask at once: they share the promise.
  private exported(reference: string, id: string): Promise<string> {
    const key = createHash('sha256').update(`${reference}\n${id}`).digest('hex').slice(0, 24);
    let file = this.exports.get(key);
    if (!file) {
      file = this.writeExport(reference, join(this.cacheDir, `${key}.tar`));
      file.catch(() => this.exports.delete(key));
      this.exports.set(key, file);
    }
    return file;
  }

  private async writeExport(reference: string, path: string): Promise<string> {
    if (existsSync(path)) return path;
    mkdirSync(this.cacheDir, { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    await pipeline(await this.host.getImage(reference).get(), createWriteStream(partial));
    renameSync(partial, path);
    return path;
  }
}
