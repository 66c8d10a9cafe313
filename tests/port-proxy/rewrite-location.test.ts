import { describe, expect, it } from 'vitest';
import { rewriteLocation } from '../../src/port-proxy/port-proxy.js';

describe('redirects from a proxied port', () => {
  const prefix = '/sandboxes/abcdef0123456789/ports/8080';
  it('stay inside the proxy', () => {
    expect(rewriteLocation('/login', prefix, '172.20.0.2', 8080)).toBe(`${prefix}/login`);
    expect(rewriteLocation('http://172.20.0.2:8080/a?b=1', prefix, '172.20.0.2', 8080)).toBe(`${prefix}/a?b=1`);
  });
  it('keep relative redirects relative and map localhost to the sandbox', () => {
    expect(rewriteLocation('next/page', prefix, '172.20.0.2', 8080)).toBe('next/page');
    expect(rewriteLocation('http://localhost:8080/x', prefix, '172.20.0.2', 8080)).toBe(`${prefix}/x`);
  });
  it('refuse other sites, protocol-relative and backslash tricks (no open redirect)', () => {
    for (const location of ['https://example.org/', '//example.org/', '/\\example.org/', 'javascript:alert(1)', 'http://172.20.0.2:80801/']) {
      expect(rewriteLocation(location, prefix, '172.20.0.2', 8080)).toBeUndefined();
    }
  });
});
