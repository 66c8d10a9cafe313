import { describe, expect, it } from 'vitest';
import { loadIsolatedConfig } from '../../../src/sandbox/isolated/config.js';
import { canUseSandbox } from '../../../src/sandbox/isolated/access.js';
import { sandboxContainerSpec } from '../../../src/sandbox/isolated/container-spec.js';

describe('sandbox configuration', () => {
  it('defaults to host mode, runc, capabilities and no warm pool', () => {
    const config = loadIsolatedConfig({});
    expect(config).toMatchObject({ mode: 'host', runtime: 'runc', privilege: 'capabilities', warmPoolSize: 0, maxSandboxes: 30, memoryBytes: 1024 * 1024 * 1024, nanoCpus: 1e9 });
  });

  it('names the variable of a bad value', () => {
    expect(() => loadIsolatedConfig({ DECKHAND_SANDBOX_PRIVILEGE: 'root' })).toThrow('DECKHAND_SANDBOX_PRIVILEGE: must be capabilities, privileged or none');
    expect(() => loadIsolatedConfig({ DECKHAND_SANDBOX_MEMORY_MB: '12' })).toThrow('DECKHAND_SANDBOX_MEMORY_MB: must be at least 128');
  });

  it('reads lists and units', () => {
    const config = loadIsolatedConfig({ DECKHAND_SANDBOX_PRELOAD: 'nginx, busybox:latest', DECKHAND_SANDBOX_CPUS: '0.5', DECKHAND_SANDBOX_TTL_MINUTES: '5' });
    expect(config.preloadImages).toEqual(['nginx', 'busybox:latest']);
    expect(config.nanoCpus).toBe(5e8);
    expect(config.ttlMs).toBe(300_000);
  });
});

describe('sandbox container spec', () => {
  it('uses the capability set, never a bind or a published port, and adds the runtime when set', () => {
    const spec = sandboxContainerSpec(loadIsolatedConfig({ DECKHAND_SANDBOX_RUNTIME: 'sysbox-runc', DECKHAND_SANDBOX_PRIVILEGE: 'none' }), 'abcdef0123456789', 7, 'net');
    expect(spec.HostConfig).toMatchObject({ Runtime: 'sysbox-runc', Binds: [], PortBindings: {} });
    expect(spec.HostConfig?.CapAdd).toBeUndefined();
    const caps = sandboxContainerSpec(loadIsolatedConfig({}), 'abcdef0123456789', 7, 'net');
    expect(caps.HostConfig).toMatchObject({ CapAdd: ['ALL'], CapDrop: ['SYS_RESOURCE'], MaskedPaths: [] });
    expect(caps.HostConfig?.Privileged).toBeUndefined();
    expect(caps.Labels).toEqual({ 'deckhand.sandbox': 'abcdef0123456789', 'deckhand.user': '7' });
  });
});

describe('who may use a sandbox', () => {
  it('is its learner or an instructor', () => {
    expect(canUseSandbox({ id: 1, role: 'student' }, { userId: 1 })).toBe(true);
    expect(canUseSandbox({ id: 2, role: 'student' }, { userId: 1 })).toBe(false);
    expect(canUseSandbox({ id: 2, role: 'student' }, { userId: null })).toBe(false);
    expect(canUseSandbox({ id: 3, role: 'instructor' }, { userId: 1 })).toBe(true);
  });
});
