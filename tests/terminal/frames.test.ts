import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, parseClientFrame } from '../../src/terminal/frames.js';
import { cookieValue, sameOrigin } from '../../src/terminal/upgrade-auth.js';

describe('terminal frames', () => {
  it('accepts input and resize frames', () => {
    expect(parseClientFrame('{"type":"input","data":"ls\\r"}', false)).toEqual({ type: 'input', data: 'ls\r' });
    expect(parseClientFrame(Buffer.from('{"type":"resize","cols":120,"rows":40}'), false)).toEqual({ type: 'resize', cols: 120, rows: 40 });
  });

  it('turns every bad frame into an error message', () => {
    expect(parseClientFrame('{', false)).toEqual({ error: 'frame is not valid JSON' });
    expect(parseClientFrame('{"type":"resize","cols":5000,"rows":1}', false)).toMatchObject({ error: expect.stringContaining('cols') });
    expect(parseClientFrame('{"type":"input","data":"x","extra":1}', false)).toMatchObject({ error: expect.stringContaining('bad frame') });
    expect(parseClientFrame(Buffer.from([1]), true)).toEqual({ error: 'frames must be JSON text' });
    const big = JSON.stringify({ type: 'input', data: 'x'.repeat(MAX_FRAME_BYTES) });
    expect(parseClientFrame(big, false)).toMatchObject({ error: expect.stringContaining('frame too large') });
  });
});

describe('terminal handshake checks', () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

  it('reads the session cookie from a raw header', () => {
    expect(cookieValue('a=1; dh_session=tok%2Fen; b=2', 'dh_session')).toBe('tok/en');
    expect(cookieValue('dh_session_x=1', 'dh_session')).toBeUndefined();
    expect(cookieValue(undefined, 'dh_session')).toBeUndefined();
  });

  it('accepts only an Origin equal to the Host', () => {
    expect(sameOrigin(req({ origin: 'http://class.local:3000', host: 'class.local:3000' }))).toBe(true);
    expect(sameOrigin(req({ origin: 'http://evil.example', host: 'class.local:3000' }))).toBe(false);
    expect(sameOrigin(req({ host: 'class.local:3000' }))).toBe(false);
    expect(sameOrigin(req({ origin: 'null', host: 'class.local:3000' }))).toBe(false);
  });
});
