import { PassThrough } from 'node:stream';
import type { ExecExpect } from '../challenges/schema.js';
import { containerName, type CheckType, type LiveContext, type Verdict } from './check-type.js';
import { selectContainers, selectorWords } from './container-select.js';
import type { ExecOutcome, Snapshot } from './snapshot.js';

const OUTPUT_LIMIT = 64 * 1024;

function expectedWords(expect: ExecExpect): string {
  const parts = [`\`${expect.command.join(' ')}\` in ${selectorWords(expect.in)}`];
  if (expect.exitCode !== undefined) parts.push(`exits with ${expect.exitCode}`);
  if (expect.output !== undefined) parts.push(`prints "${expect.output}"`);
  return parts.join(', ');
}

function shorten(output: string): string {
  const flat = output.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat || '(nothing)';
}

/** Runs a command inside the attempt's running container and grades its exit code and output. */
export class ExecCheck implements CheckType<ExecExpect> {
  readonly kind = 'exec';

  async probe(expect: ExecExpect, snapshot: Snapshot, live: LiveContext): Promise<{ exec: ExecOutcome }> {
    const running = selectContainers(snapshot, expect.in).filter((c) => c.State.Running);
    const target = running[0];
    if (!target) return { exec: { error: `no running ${selectorWords(expect.in).replace(/^a /, '')}` } };
    try {
      const exec = await live.docker.getContainer(target.Id).exec({
        Cmd: expect.command,
        AttachStdout: true,
        AttachStderr: true,
      });
      const stream = await exec.start({ hijack: true, stdin: false });
      let output = '';
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => {
        if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8');
      });
      live.docker.modem.demuxStream(stream, sink, sink);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          stream.destroy();
          reject(new Error(`no answer within ${live.timeoutMs} ms`));
        }, live.timeoutMs);
        stream.on('end', () => (clearTimeout(timer), resolve()));
        stream.on('close', () => (clearTimeout(timer), resolve()));
        stream.on('error', (error: Error) => (clearTimeout(timer), reject(error)));
      });
      const info = await exec.inspect();
      return { exec: { container: containerName(target), exitCode: info.ExitCode ?? -1, output } };
    } catch (error) {
      return { exec: { error: `could not run it in ${containerName(target)}: ${(error as Error).message}` } };
    }
  }

  evaluate(expect: ExecExpect, snapshot: Snapshot, checkId: string): Verdict {
    const expected = expectedWords(expect);
    const outcome = snapshot.execs[checkId];
    if (!outcome) return { passed: false, expected, observed: 'the command was not run' };
    if ('error' in outcome) return { passed: false, expected, observed: outcome.error };
    const codeOk = expect.exitCode === undefined || outcome.exitCode === expect.exitCode;
    const outputOk = expect.output === undefined || outcome.output.includes(expect.output);
    return {
      passed: codeOk && outputOk,
      expected,
      observed: `in ${outcome.container}: exit code ${outcome.exitCode}, printed "${shorten(outcome.output)}"`,
    };
  }
}
