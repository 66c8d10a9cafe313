import { parentPort } from 'node:worker_threads';
import { compileNotes } from '../compiler/compile.js';
import type { NoteFile } from '../compiler/types.js';
import type { FromWorker } from './compile-worker.js';

/**
 * The body of the compile worker (see `compile-worker.ts`): waits for the notes, compiles them
 * and posts the result. It also says which file it is on, so that a note that exhausts the time
 * or memory budget can be named and held back while the others load.
 */
const port = parentPort;
if (!port) throw new Error('compile-worker-thread.ts runs only as a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);

port.once('message', (files: NoteFile[]) => {
  let current: string | undefined;
  // compileNotes reads a file's text when it starts on that file; noticing the read is how the
  // worker knows where it is without the compiler knowing it runs in a worker.
  const watched: NoteFile[] = files.map((file) => ({
    path: file.path,
    get text(): string {
      if (current !== file.path) {
        current = file.path;
        post({ type: 'file', path: file.path });
      }
      return file.text;
    },
  }));
  const started = performance.now();
  const result = compileNotes(watched);
  post({ type: 'done', result, compileMs: performance.now() - started });
});
post({ type: 'ready' });
