import { describe, expect, it } from 'vitest';
import { heatLevel, heatmapStart, heatmapSvg } from '../../src/stats/heatmap-svg.js';

const TODAY = '2026-03-10'; // a Tuesday

const cells = (svg: string) => svg.match(/<rect [^>]*class="heat heat-\d"[^>]*>/g) ?? [];

describe('heatmapSvg', () => {
  it('starts on the Sunday 52 weeks before the current week', () => {
    expect(heatmapStart(TODAY)).toBe('2025-03-09');
    expect(new Date('2025-03-09T00:00:00Z').getUTCDay()).toBe(0);
  });

  it('draws 52 full weeks plus the current week up to today', () => {
    const svg = heatmapSvg(new Map(), TODAY);
    // Sunday, Monday and Tuesday of the current week.
    expect(cells(svg)).toHaveLength(52 * 7 + 3);
    expect(svg).toContain('data-day="2025-03-09"');
    expect(svg).toContain('data-day="2026-03-10"');
    expect(svg).not.toContain('data-day="2026-03-11"');
  });

  it('draws all 53 × 7 cells when today is a Saturday', () => {
    expect(cells(heatmapSvg(new Map(), '2026-03-14'))).toHaveLength(53 * 7);
  });

  it('gives each cell a title with the day and its number of answers', () => {
    const svg = heatmapSvg(new Map([['2026-03-10', 14], ['2026-03-09', 1]]), TODAY);
    expect(svg).toContain('<title>2026-03-10: 14 answers</title>');
    expect(svg).toContain('<title>2026-03-09: 1 answer</title>');
    expect(svg).toContain('<title>2026-03-08: 0 answers</title>');
  });

  it('colours each day by its quarter of the busiest day', () => {
    const svg = heatmapSvg(new Map([['2026-03-02', 1], ['2026-03-03', 10], ['2026-03-04', 20], ['2026-03-05', 40]]), TODAY);
    const levelOf = (day: string) => new RegExp(`class="heat (heat-\\d)" data-day="${day}"`).exec(svg)?.[1];
    expect(levelOf('2026-03-01')).toBe('heat-0');
    expect(levelOf('2026-03-02')).toBe('heat-1');
    expect(levelOf('2026-03-03')).toBe('heat-1');
    expect(levelOf('2026-03-04')).toBe('heat-2');
    expect(levelOf('2026-03-05')).toBe('heat-4');
  });

  it('ignores answers outside the year shown when scaling the colours', () => {
    const svg = heatmapSvg(new Map([['2020-01-01', 1000], ['2026-03-10', 2]]), TODAY);
    expect(svg).toContain('class="heat heat-4" data-day="2026-03-10"');
    expect(svg).not.toContain('2020-01-01');
  });

  it('contains no markup beyond its own elements', () => {
    const svg = heatmapSvg(new Map([['2026-03-10', 3]]), TODAY);
    expect(svg).toMatch(/^<svg [^>]*>.*<\/svg>$/s);
    expect(svg).not.toMatch(/<(script|foreignObject)|style=|on\w+=/i);
  });
});

describe('heatLevel', () => {
  it('is 0 for no answers and 1–4 otherwise', () => {
    expect(heatLevel(0, 0)).toBe(0);
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 100)).toBe(1);
    expect(heatLevel(50, 100)).toBe(2);
    expect(heatLevel(51, 100)).toBe(3);
    expect(heatLevel(100, 100)).toBe(4);
  });
});
