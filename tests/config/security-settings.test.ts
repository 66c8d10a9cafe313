import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { isLoopbackHost } from '../../src/config/network.js';

describe('the security settings', () => {
  it('trust no proxy, create no database over a lost one, and know loopback by default', () => {
    const config = loadConfig({});
    expect(config.trustProxy).toBe(false);
    expect(config.createDatabase).toBe(false);
    expect(config.listensBeyondLoopback).toBe(false);
    expect(config.joinsPerHour).toBe(60);
    expect(config.allowedHosts).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', '::1']));
  });

  it.each([
    ['0', false],
    ['false', false],
    ['2', 2],
    ['loopback', ['loopback']],
    ['127.0.0.1, 10.0.0.0/8,fd00::/8', ['127.0.0.1', '10.0.0.0/8', 'fd00::/8']],
  ])('reads DECKHAND_TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ DECKHAND_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    [{ DECKHAND_TRUST_PROXY: 'true' }, /DECKHAND_TRUST_PROXY: must be 0 \(off\), a number of proxy hops/],
    [{ DECKHAND_TRUST_PROXY: '10.0.0.0/33' }, /DECKHAND_TRUST_PROXY: must be 0/],
    [{ DECKHAND_DB_CREATE: 'please' }, /DECKHAND_DB_CREATE: must be 1 or 0/],
    [{ DECKHAND_ALLOWED_HOSTS: 'http://class.example.org' }, /DECKHAND_ALLOWED_HOSTS: must be host names or addresses separated by commas/],
    [{ DECKHAND_ALLOWED_HOSTS: ' , ' }, /DECKHAND_ALLOWED_HOSTS: must list at least one host name/],
    [{ DECKHAND_JOINS_PER_HOUR: '0' }, /DECKHAND_JOINS_PER_HOUR: must be at least 1/],
  ])('stops with a message naming the variable for %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads DECKHAND_DB_CREATE=1 and an explicit host list', () => {
    const config = loadConfig({ DECKHAND_DB_CREATE: '1', DECKHAND_ALLOWED_HOSTS: 'Class.Example.org,[::1]' });
    expect(config.createDatabase).toBe(true);
    expect(config.allowedHosts).toEqual(['class.example.org', '::1']);
  });

  it('counts a wildcard or a LAN address as beyond loopback', () => {
    expect(loadConfig({ DECKHAND_HOST: '0.0.0.0' }).listensBeyondLoopback).toBe(true);
    expect(loadConfig({ DECKHAND_HOST: '192.0.2.10' }).allowedHosts).toEqual(expect.arrayContaining(['192.0.2.10', 'localhost']));
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'class.local'].some(isLoopbackHost)).toBe(false);
  });
});
