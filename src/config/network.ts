import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { z } from 'zod';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** Host names without brackets or case, so `[::1]` and `::1`, `Class.Local` and `class.local` match. */
export function normalizeHostName(name: string): string {
  return name.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** Whether an address to listen on is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const name = normalizeHostName(host);
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(name);
}

/**
 * The Host header values a server listening on `host` answers by default: the address itself, the
 * loopback names, and, for a wildcard (0.0.0.0, ::), every address and the name of this machine,
 * which is what a classroom types. A name like `evil.example` that was pointed at our address
 * (DNS rebinding) is not among them.
 */
export function defaultAllowedHosts(host: string): string[] {
  const names = new Set([...LOOPBACK_NAMES, normalizeHostName(host)]);
  if (['0.0.0.0', '::', '::0'].includes(normalizeHostName(host))) {
    names.add(hostname().toLowerCase());
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(normalizeHostName(address.address));
    }
  }
  return [...names];
}

/** DECKHAND_ALLOWED_HOSTS: a comma-separated list of host names or addresses, without ports. */
export const AllowedHosts = z
  .string()
  .transform((value) => value.split(',').map(normalizeHostName).filter((name) => name !== ''))
  .refine((names) => names.length > 0, { error: 'must list at least one host name, e.g. class.example.org,10.0.0.5' })
  .refine((names) => names.every((name) => /^[a-z0-9.:_-]+$/.test(name)), {
    error: 'must be host names or addresses separated by commas, without ports or schemes',
  })
  .optional();

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies may tell us the client's address (X-Forwarded-For): none by default, since a
 * header anyone can send would otherwise pick the address the sign-in limits count. `1`–`9` trusts
 * that many hops in front of us; a list trusts those addresses, subnets or express's named ranges
 * (`loopback`, `linklocal`, `uniquelocal`).
 */
export const TrustProxy = z
  .string()
  .trim()
  .default('0')
  .transform((value, ctx): false | number | string[] => {
    if (['', '0', 'false', 'no'].includes(value)) return false;
    if (/^[1-9]$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim().toLowerCase());
    if (entries.every(isAddressOrRange)) return entries;
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: 'must be 0 (off), a number of proxy hops (1-9), or addresses/subnets such as 127.0.0.1,10.0.0.0/8 or loopback',
    });
    return z.NEVER;
  });
