import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/classes/csv-parse.js';
import { parseRoster, usernameFromEmail } from '../../src/classes/roster-import.js';

const problem = (text: string) => {
  try {
    parseRoster(text);
    return 'no problem';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('roster CSV', () => {
  it('reads quoted fields, CRLF, a byte-order mark and blank lines, keeping each record’s line', () => {
    expect(parseCsv('\uFEFFname,email\r\n"Lee, Ann",ann@x.org\r\n\r\n"multi\nline",m@x.org\n')).toEqual([
      { line: 1, fields: ['name', 'email'] },
      { line: 2, fields: ['Lee, Ann', 'ann@x.org'] },
      { line: 4, fields: ['multi\nline', 'm@x.org'] },
    ]);
  });

  it('names the line of the first problem', () => {
    expect(problem('name,email\nAna,ana@x.org\nBo,bo@x.org\nCy,nope\n')).toBe('line 4: email is not valid');
    expect(problem('name,email\nAna,ana@x.org\n ,b@x.org')).toBe('line 3: name is empty');
    expect(problem('name,email\nAna,ana@x.org\nAnn,ANA@x.org')).toBe('line 3: ANA@x.org is already on line 2');
    expect(problem('name,email\nAna,ana@x.org,extra')).toBe('line 2: expected 2 fields (name,email), found 3');
    expect(problem('email,name\nAna,ana@x.org')).toBe('line 1: the first line must be the header name,email');
    expect(problem('name,email\n"Ana,ana@x.org')).toBe('line 2: a quoted field is never closed');
    expect(problem('name,email\n')).toBe('the file has no students under its header');
  });

  it('derives usernames from addresses and numbers clashes', () => {
    const taken = new Set(['ana', 'ana2']);
    expect(usernameFromEmail('Ana@x.org', (u) => taken.has(u))).toBe('ana3');
    expect(usernameFromEmail('j.o+tag@x.org', () => false)).toBe('j.otag');
    expect(usernameFromEmail('x@x.org', () => false)).toBe('studentx');
  });
});
