import { describe, expect, it } from 'vitest';
import { browseHref, DEFAULT_FILTER, escapeLike } from '../../src/browse/browse-filter.js';

describe('browseHref', () => {
  it('is plain /browse for the default filter', () => {
    expect(browseHref(DEFAULT_FILTER)).toBe('/browse');
  });

  it('keeps only the fields that differ from the defaults, encoded', () => {
    const filter = { q: 'a&b c', topic: 'Docker', status: 'suspended', page: 2 } as const;
    expect(browseHref(filter)).toBe('/browse?q=a%26b+c&topic=Docker&status=suspended&page=2');
    expect(browseHref(filter, { page: 1 })).toBe('/browse?q=a%26b+c&topic=Docker&status=suspended');
  });
});

describe('escapeLike', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_off\\x')).toBe('50\\%\\_off\\\\x');
  });
});
