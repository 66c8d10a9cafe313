import { z } from 'zod';

/**
 * One message of the newline-delimited JSON the engine streams while it builds, pulls or
 * imports. Only the fields we act on are kept.
 */
const ProgressMessage = z.object({
  stream: z.string().optional(),
  status: z.string().optional(),
  id: z.string().optional(),
  error: z.string().optional(),
  errorDetail: z.object({ message: z.string().optional() }).optional(),
  aux: z.object({ ID: z.string().optional() }).optional(),
});

/** A parsed progress message from a build, pull or import stream. */
export type ProgressMessage = z.infer<typeof ProgressMessage>;

/** A build, pull or import the engine reported as failed, with the last lines it printed. */
export class EngineStreamError extends Error {
  constructor(
    message: string,
    readonly tail: readonly string[],
  ) {
    super(message);
    this.name = 'EngineStreamError';
  }
}

const TAIL_LINES = 25;

/**
 * Reads a progress stream to its end, calling `onMessage` for each message. The engine reports
 * a failed build step inside a 200 response, as `{"error": …}`, so that is turned into a
 * rejection here; the rejection carries the last lines of output, which say why.
 */
export function readProgress(
  stream: NodeJS.ReadableStream,
  onMessage: (message: ProgressMessage) => void = () => {},
): Promise<ProgressMessage[]> {
  return new Promise((resolve, reject) => {
    const messages: ProgressMessage[] = [];
    const tail: string[] = [];
    let pending = '';
    let failure: string | undefined;

    const handleLine = (line: string): void => {
      if (line.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = { stream: line };
      }
      const result = ProgressMessage.safeParse(parsed);
      if (!result.success) return;
      const message = result.data;
      messages.push(message);
      const text = (message.stream ?? message.status ?? '').trimEnd();
      if (text !== '') {
        tail.push(...text.split('\n'));
        tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
      }
      if (message.error !== undefined) failure ??= message.errorDetail?.message ?? message.error;
      onMessage(message);
    };

    stream.on('data', (chunk: Buffer | string) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) handleLine(line);
    });
    stream.on('error', (error: Error) => reject(error));
    stream.on('end', () => {
      handleLine(pending);
      if (failure !== undefined) reject(new EngineStreamError(failure, tail));
      else resolve(messages);
    });
  });
}
