import { z } from 'zod';

/** The largest frame a browser may send (a generous paste); larger ones get an error frame. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Past this the WebSocket library itself closes the connection (1009); the shell lives on. */
export const HARD_FRAME_BYTES = 1024 * 1024;

/** Frames from the browser: keystrokes (or a paste) and the terminal's size. */
export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('input'), data: z.string().max(MAX_FRAME_BYTES) }),
  z.strictObject({
    type: z.literal('resize'),
    cols: z.number().int().min(1).max(1000),
    rows: z.number().int().min(1).max(1000),
  }),
]);

export type ClientFrame = z.infer<typeof ClientFrameSchema>;

/** Frames to the browser. `hello.resumed` says the shell was kept and its scrollback follows. */
export type ServerFrame =
  | { type: 'hello'; sandboxId: string; resumed: boolean }
  | { type: 'output'; data: string }
  | { type: 'error'; message: string }
  | { type: 'exit'; message: string };

/**
 * Reads one frame from raw WebSocket data. Returns the frame, or a message for an error frame:
 * a bad frame is answered, never fatal, so one stray message cannot kill a learner's shell.
 */
export function parseClientFrame(raw: Buffer | string, isBinary: boolean): ClientFrame | { error: string } {
  if (isBinary) return { error: 'frames must be JSON text' };
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > MAX_FRAME_BYTES) return { error: `frame too large: ${size} bytes; the limit is ${MAX_FRAME_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch {
    return { error: 'frame is not valid JSON' };
  }
  const parsed = ClientFrameSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `bad frame: ${issue ? `${issue.path.join('.') || 'frame'}: ${issue.message}` : 'unknown shape'}` };
  }
  return parsed.data;
}
