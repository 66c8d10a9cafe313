import { describe, expect, it } from 'vitest';
import { rewriteLocation } from '../../src/port-proxy/port-proxy.js';

describe('redirects from a proxied port', () => {
  const prefix = '/sandboxes/abcdef0123456789/ports/8080';
  it('stay inside the proxy', () => {
    expect(rewriteLocation('/login', prefix, '172.20.0.2', 8080)).toBe(`${prefix}/login`);
    expect(rewriteLocation('http://172.20.0.2:8080/a?b=1', prefix, '172.20.0.2', 8080)).toBe(`${prefix}/a?b=1`);
  });
  it('leave other sites and protocol-relative links alone', () => {
    expect(rewriteLocation('https://example.org/', prefix, '172.20.0.2', 8080)).toBe('https://example.org/');
    expect(rewriteLocation('//example.org/', prefix, '172.20.0.2', 8080)).toBe('//example.org/');
  });
});
