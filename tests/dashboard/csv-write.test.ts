import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/dashboard/csv-write.js';

describe('CSV writing', () => {
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', 3, null]])).toBe('"a,b","say ""hi""","two\nlines",3,\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(['=1+1', '+cmd', '-2', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'=1+1", "'+cmd", "'-2", "'@SUM(A1)", "'\tx"]);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell(-2)).toBe('-2'); // numbers are ours, never a user's text
  });
});
