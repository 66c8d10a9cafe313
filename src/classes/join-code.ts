import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: a code is read aloud or copied from a projector, so nothing may look alike.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

/** A fresh join code such as `K7QM-R2XD`: 8 characters of a 31-letter alphabet (about 40 bits). */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The stored form of a code as someone typed it: upper case, dash optional, spaces ignored, so
 * `k7qm r2xd` and `K7QM-R2XD` are the same code.
 */
export function normalizeJoinCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '');
  return plain.length === LENGTH ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}
