import { Worker } from 'node:worker_threads';
import type { CompileResult, NoteFile } from '../compiler/types.js';

/** How long and how much memory one compile may take before its worker is stopped. */
export interface CompileBudget {
  /** Wall-clock milliseconds from the moment the worker starts on the first note. */
  timeMs: number;
  /** The worker's heap limit (V8's old generation), in megabytes. */
  memoryMb: number;
}

/**
 * Generous for real notes (the whole of content/ compiles in well under a second, a 2 MB note in
 * a few), tight enough that a note the compiler chokes on cannot hold the reload for minutes or
 * take the server's memory with it.
 */
export const DEFAULT_COMPILE_BUDGET: CompileBudget = { timeMs: 20_000, memoryMb: 1024 };

/** Loading the compiler into a fresh thread (tsx transforms it on a cold cache) is not the notes' fault. */
const START_LIMIT_MS = 60_000;

/** What the worker thread posts, in order: ready, a `file` per note it starts on, then done. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'file'; path: string }
  | { type: 'done'; result: CompileResult; compileMs: number };

/** A compile in the worker: its result, or why it was stopped and on which note, when known. */
export type WorkerCompile =
  | { ok: true; result: CompileResult; compileMs: number }
  | { ok: false; reason: 'time' | 'memory' | 'crash'; message: string; file?: string };

const BOOT = new URL('./compile-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./compile-worker-thread.ts', import.meta.url).href;

/**
 * Runs `compileNotes(files)` in a worker thread, so a large or pathological note never blocks the
 * server's requests, within `budget`: past its time the worker is terminated, past its memory V8
 * stops it. Never rejects; a stopped compile is an `ok: false` outcome naming the note the worker
 * was on. The database is not touched here: the caller applies the result on its own thread.
 */
export function compileInWorker(files: readonly NoteFile[], budget: CompileBudget = DEFAULT_COMPILE_BUDGET): Promise<WorkerCompile> {
  return new Promise((resolve) => {
    const worker = new Worker(BOOT, {
      workerData: { entry: ENTRY },
      resourceLimits: { maxOldGenerationSizeMb: budget.memoryMb },
    });
    let file: string | undefined;
    let settled = false;
    let timer = setTimeout(() => stop({ ok: false, reason: 'crash', message: `the compile worker did not start within ${START_LIMIT_MS / 1000} s` }), START_LIMIT_MS);
    const stop = (outcome: WorkerCompile): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };

    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        worker.postMessage(files);
      } else if (message.type === 'file') {
        if (file === undefined) {
          clearTimeout(timer);
          timer = setTimeout(
            () => stop({ ok: false, reason: 'time', file, message: `compiling took longer than ${budget.timeMs / 1000} s, so it was stopped` }),
            budget.timeMs,
          );
        }
        file = message.path;
      } else {
        stop({ ok: true, result: message.result, compileMs: message.compileMs });
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        stop({ ok: false, reason: 'memory', file, message: `compiling needed more than ${budget.memoryMb} MB of memory, so it was stopped` });
      } else {
        stop({ ok: false, reason: 'crash', file, message: `the compile worker failed: ${error.message}` });
      }
    });
    worker.on('exit', (code) => {
      stop({ ok: false, reason: 'crash', file, message: `the compile worker stopped unexpectedly (exit code ${code})` });
    });
  });
}
