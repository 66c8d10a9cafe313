import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/server-process.js';

/**
 * WCAG contrast of the colour pairs of buttons, badges and links, read from the stylesheets
 * themselves: the custom properties of the light scheme (`:root`) and of the dark one (`:root`
 * inside `@media (prefers-color-scheme: dark)`), and which property each rule takes its colour
 * from. A rule that stops using a variable, or a variable that changes, is measured again.
 */

const STATIC_DIR = join(REPO_ROOT, 'views', 'static');
const STYLESHEETS = ['app.css', 'instructor.css', 'challenges.css'];

interface Rule {
  media: string | null;
  selectors: string[];
  declarations: Map<string, string>;
}

/** The rules of a stylesheet, one level of @media deep (all our stylesheets need). */
function parseRules(css: string): Rule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: Rule[] = [];
  const walk = (body: string, media: string | null) => {
    let at = 0;
    while (at < body.length) {
      const open = body.indexOf('{', at);
      if (open < 0) break;
      const head = body.slice(at, open).trim();
      let depth = 1;
      let close = open + 1;
      for (; close < body.length && depth > 0; close++) {
        if (body[close] === '{') depth++;
        else if (body[close] === '}') depth--;
      }
      const inner = body.slice(open + 1, close - 1);
      if (head.startsWith('@media')) {
        walk(inner, head.slice('@media'.length).trim());
      } else {
        const declarations = new Map<string, string>();
        for (const declaration of inner.split(';')) {
          const colon = declaration.indexOf(':');
          if (colon > 0) declarations.set(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
        }
        rules.push({ media, selectors: head.split(',').map((s) => s.trim()), declarations });
      }
      at = close;
    }
  };
  walk(text, null);
  return rules;
}

const rules = STYLESHEETS.flatMap((file) => parseRules(readFileSync(join(STATIC_DIR, file), 'utf8')));

function customProperties(media: string | null): Map<string, string> {
  const properties = new Map<string, string>();
  for (const rule of rules) {
    if (rule.media !== media || !rule.selectors.includes(':root')) continue;
    for (const [name, value] of rule.declarations) if (name.startsWith('--')) properties.set(name, value);
  }
  return properties;
}

const light = customProperties(null);
const SCHEMES = {
  light,
  dark: new Map([...light, ...customProperties('(prefers-color-scheme: dark)')]),
} as const;
type Scheme = keyof typeof SCHEMES;

/** A colour as the page would compute it: var() resolved in the scheme, then #rgb or #rrggbb. */
function resolveColour(value: string, scheme: Scheme): [number, number, number] {
  const variable = /^var\((--[\w-]+)\)$/.exec(value.trim());
  if (variable?.[1]) {
    const next = SCHEMES[scheme].get(variable[1]);
    if (next === undefined) throw new Error(`${variable[1]} is not defined in the ${scheme} scheme`);
    return resolveColour(next, scheme);
  }
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!hex?.[1]) throw new Error(`not a colour this test reads: ${value}`);
  const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A colour taken either from a variable or from the last rule (no @media) that sets it. */
type ColourSource = { variable: string } | { selector: string; property: 'color' | 'background' | 'border' | 'outline' };

function colourValue(source: ColourSource): string {
  if ('variable' in source) return `var(${source.variable})`;
  const names = source.property === 'color' ? ['color'] : [source.property, `${source.property}-color`];
  let found: string | undefined;
  for (const rule of rules) {
    if (rule.media !== null || !rule.selectors.includes(source.selector)) continue;
    for (const name of names) {
      const value = rule.declarations.get(name);
      if (value !== undefined) found = value;
    }
  }
  if (found === undefined) throw new Error(`no rule for ${source.selector} sets ${source.property}`);
  // A shorthand ("1px solid var(--x)"): the colour is its var() or hex part.
  if (source.property === 'border' || source.property === 'outline') {
    const colour = /var\(--[\w-]+\)|#[0-9a-f]{3,6}\b/i.exec(found);
    if (!colour) throw new Error(`no colour in ${source.selector}'s ${source.property}: ${found}`);
    return colour[0];
  }
  return found;
}

interface Pair {
  name: string;
  fg: ColourSource;
  bg: ColourSource;
  /** 4.5 for normal text, 3 for large text and the boundary of a control. */
  min: 4.5 | 3;
}

const surface = { variable: '--surface' };
const page = { variable: '--bg' };
const PAIRS: Pair[] = [
  { name: 'primary button text', fg: { selector: '.primary', property: 'color' }, bg: { selector: '.primary', property: 'background' }, min: 4.5 },
  { name: '"new", "edited" and "due" badge', fg: { selector: '.badge', property: 'color' }, bg: { selector: '.badge', property: 'background' }, min: 4.5 },
  { name: '"again today", "draft" and "disabled" badge', fg: { selector: '.badge', property: 'color' }, bg: { selector: '.badge.warn', property: 'background' }, min: 4.5 },
  { name: '"open" badge', fg: { selector: '.badge', property: 'color' }, bg: { selector: '.badge.ok', property: 'background' }, min: 4.5 },
  { name: 'passed cell of the class matrix', fg: { selector: '.cell.passed', property: 'color' }, bg: { selector: '.cell.passed', property: 'background' }, min: 4.5 },
  { name: 'skip link', fg: { selector: '.skip-link', property: 'color' }, bg: { selector: '.skip-link', property: 'background' }, min: 4.5 },
  { name: 'link on a card', fg: { selector: 'a', property: 'color' }, bg: surface, min: 4.5 },
  { name: 'link on the page', fg: { selector: 'a', property: 'color' }, bg: page, min: 4.5 },
  { name: 'link-style button (Sign out, Undo)', fg: { selector: 'button.link', property: 'color' }, bg: surface, min: 4.5 },
  { name: 'header link', fg: { selector: '.topbar nav a', property: 'color' }, bg: { selector: '.topbar', property: 'background' }, min: 4.5 },
  { name: 'current header link', fg: { selector: '.topbar nav a.active', property: 'color' }, bg: { selector: '.topbar nav a.active', property: 'background' }, min: 4.5 },
  { name: 'account name in the header', fg: { selector: '.who', property: 'color' }, bg: { selector: '.topbar', property: 'background' }, min: 4.5 },
  { name: 'button text', fg: { selector: 'button', property: 'color' }, bg: { selector: 'button', property: 'background' }, min: 4.5 },
  { name: 'interval under a grade button', fg: { selector: '.grade .next', property: 'color' }, bg: { selector: 'button', property: 'background' }, min: 4.5 },
  { name: 'key hint on a card', fg: { selector: 'kbd', property: 'color' }, bg: surface, min: 4.5 },
  { name: 'danger button text', fg: { selector: 'button.danger', property: 'color' }, bg: { selector: 'button', property: 'background' }, min: 4.5 },
  { name: '"passed" status pill', fg: { selector: '.status-passed', property: 'color' }, bg: surface, min: 4.5 },
  { name: '"in progress" status pill', fg: { selector: '.status-in-progress', property: 'color' }, bg: surface, min: 4.5 },
  { name: '"gave up" status pill', fg: { selector: '.status-gave-up', property: 'color' }, bg: surface, min: 4.5 },
  { name: 'placeholder in a form field', fg: { selector: '::placeholder', property: 'color' }, bg: { selector: 'input', property: 'background' }, min: 4.5 },
  { name: 'button border on a card', fg: { selector: 'button', property: 'border' }, bg: surface, min: 3 },
  { name: 'button border on the page', fg: { selector: 'button', property: 'border' }, bg: page, min: 3 },
  { name: 'form field border on a card', fg: { selector: 'input', property: 'border' }, bg: surface, min: 3 },
  { name: 'form field border against its own fill', fg: { selector: 'input', property: 'border' }, bg: { selector: 'input', property: 'background' }, min: 3 },
  { name: 'Again button border', fg: { selector: '.grade-again', property: 'border' }, bg: surface, min: 3 },
  { name: 'Hard button border', fg: { selector: '.grade-hard', property: 'border' }, bg: surface, min: 3 },
  { name: 'Good button border', fg: { selector: '.grade-good', property: 'border' }, bg: surface, min: 3 },
  { name: 'Easy button border', fg: { selector: '.grade-easy', property: 'border' }, bg: surface, min: 3 },
  { name: 'focus ring on the page', fg: { selector: ':focus-visible', property: 'outline' }, bg: page, min: 3 },
];

describe('colour contrast of buttons, badges and links (WCAG AA)', () => {
  for (const scheme of Object.keys(SCHEMES) as Scheme[]) {
    describe(`${scheme} mode`, () => {
      for (const pair of PAIRS) {
        it(`${pair.name} reaches ${pair.min}:1`, () => {
          const ratio = contrastRatio(resolveColour(colourValue(pair.fg), scheme), resolveColour(colourValue(pair.bg), scheme));
          expect(Number(ratio.toFixed(2)), `${pair.name}, ${scheme}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(pair.min);
        });
      }
    });
  }

  it('computes the ratios WCAG gives for known pairs', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio(resolveColour('#777', 'light'), resolveColour('#fff', 'light'))).toBeCloseTo(4.48, 2);
  });
});
