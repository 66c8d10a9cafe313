import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** One learner as the load generator drives them. */
export interface LoadLearner {
  userId: number;
  cookie: string;
  csrf: string;
  /** The card on screen; null once the learner is done for today. */
  cardId: string | null;
}

/** What the bench asks one worker run to do. */
export interface LoadJob {
  target: 'review' | 'baseline';
  port: number;
  connections: number;
  warmupMs: number;
  durationMs: number;
  learners: LoadLearner[];
}

/** What a run measured (latencies of the measured window only). */
export interface LoadResult {
  target: LoadJob['target'];
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
  learnersDone: number;
}

interface Reply {
  status: number;
  body: string;
}

function post(agent: Agent, port: number, path: string, learner: LoadLearner, payload: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          cookie: learner.cookie,
          'x-csrf-token': learner.csrf,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Grades as learners give them, so drills (answers below 4) come back into the queue. */
function quality(i: number): number {
  return [5, 4, 4, 3, 5, 4, 2, 4, 5, 4][i % 10] ?? 4;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? 0;
}

/**
 * Drives `job.connections` loops over one keep-alive agent, each loop owning a slice of the
 * learners so one learner never has two answers in flight (that would be a 409, not load).
 * Review: one request = answer the card on screen + receive the next. Baseline: the same
 * request shape against the bare route.
 */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const start = performance.now();
  const measureFrom = start + job.warmupMs;
  const end = measureFrom + job.durationMs;
  let answered = 0;

  const loop = async (index: number): Promise<void> => {
    const mine = job.learners.filter((_, i) => i % job.connections === index);
    let turn = 0;
    while (performance.now() < end) {
      const live = mine.filter((learner) => learner.cardId !== null);
      if (live.length === 0) return;
      const learner = live[turn++ % live.length] as LoadLearner;
      const path = job.target === 'review' ? '/api/review/answer' : '/baseline';
      const payload = JSON.stringify(
        job.target === 'review'
          ? { cardId: learner.cardId, quality: quality(answered++), durationMs: 4_000 }
          : { userId: learner.userId },
      );
      const sent = performance.now();
      const reply = await post(agent, job.port, path, learner, payload);
      const received = performance.now();
      if (sent >= measureFrom && received <= end) {
        latencies.push(received - sent);
        statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
      }
      if (job.target === 'review' && reply.status === 200) {
        const body = JSON.parse(reply.body) as { next: { id: string } | null };
        learner.cardId = body.next?.id ?? null;
      } else if (reply.status !== 200 && job.target === 'review') {
        // A refused answer (should not happen): ask for the card on screen again.
        throw new Error(`answer refused: ${reply.status} ${reply.body.slice(0, 200)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: job.connections }, (_, i) => loop(i)));
  agent.destroy();

  const sorted = Float64Array.from(latencies).sort();
  const seconds = job.durationMs / 1000;
  return {
    target: job.target,
    requests: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: percentile(sorted, 1),
    statuses,
    learnersDone: job.learners.filter((learner) => learner.cardId === null).length,
  };
}

// Run as a worker thread: the load must not share an event loop with the server it measures.
if (parentPort && workerData) {
  const port = parentPort;
  runLoad(workerData as LoadJob).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: unknown) => port.postMessage({ ok: false, error: error instanceof Error ? error.stack : String(error) }),
  );
}
