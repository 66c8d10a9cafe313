import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { FairGate } from './fair-gate.js';

// scrypt with N = 2^15, r = 8: about 50 ms and 32 MiB per hash on these machines, slow enough to
// make guessing expensive and cheap enough for a classroom signing in at once.
const PARAMS = { N: 32_768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

/**
 * At most two hashes at once, for the whole process (hence one gate, not one per service): scrypt
 * runs on libuv's four worker threads, which file reads and DNS share, and takes 32 MiB each.
 * Waiters take turns by key (an address, an account), so sixteen checks sent at once by one
 * student delay another's sign-in by one hash, not by sixteen.
 */
export const passwordHashing = new FairGate(2);

function derive(password: string, salt: Buffer, params: typeof PARAMS, key: string): Promise<Buffer> {
  return passwordHashing.run(
    key,
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, params, (error, derived) =>
          error ? reject(error) : resolve(derived),
        );
      }),
  );
}

/**
 * A self-describing hash: `scrypt$N$r$p$salt$key` (base64), so parameters can change later.
 * `turnKey` says whose turn it is at the hashing gate (an address or an account).
 */
export async function hashPassword(password: string, turnKey = ''): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS, turnKey);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `password` matches `stored`, compared in constant time. */
export async function verifyPassword(password: string, stored: string, turnKey = ''): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem }, turnKey);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
