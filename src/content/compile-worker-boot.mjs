// The compile worker's entry. On Node 20 a worker thread gets neither the tsx CLI's hooks
// (`npm start`) nor vitest's transform, so it loads its TypeScript module through tsx's API;
// both the server and the tests start the worker the same way.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
