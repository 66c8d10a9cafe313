import { describe, expect, it } from 'vitest';
import { forecastSvg } from '../../src/stats/forecast-svg.js';
import { escapeXml } from '../../src/stats/svg-text.js';

const TODAY = '2026-03-10';

describe('forecastSvg', () => {
  it('draws one bar per day with a title naming the day and the cards due', () => {
    const counts = Array.from({ length: 30 }, (_, i) => (i === 0 ? 7 : i === 2 ? 1 : 0));
    const svg = forecastSvg(counts, TODAY);
    expect(svg.match(/class="forecast-bar"/g)).toHaveLength(30);
    expect(svg).toContain('<title>2026-03-10: 7 cards due</title>');
    expect(svg).toContain('<title>2026-03-12: 1 card due</title>');
    expect(svg).toContain('<title>2026-04-08: 0 cards due</title>');
  });

  it('scales the bars to the busiest day and marks today', () => {
    const svg = forecastSvg([10, 5, 0], TODAY);
    const heights = [...svg.matchAll(/height="(\d+)" rx="2" class="forecast-bar"/g)].map((m) => Number(m[1]));
    expect(heights).toEqual([120, 60, 0]);
    expect(svg).toContain('class="forecast-day forecast-today" data-day="2026-03-10"');
  });

  it('labels the x axis once a week', () => {
    const svg = forecastSvg(new Array<number>(30).fill(0), TODAY);
    expect(svg).toContain('>today</text>');
    expect(svg).toContain('>Mar 17</text>');
    expect(svg).toContain('>Apr 7</text>');
  });

  it('draws an empty chart when nothing is due', () => {
    const svg = forecastSvg(new Array<number>(30).fill(0), TODAY);
    expect(svg).not.toContain('NaN');
  });
});

describe('escapeXml', () => {
  it('escapes the characters that could end a text node or an attribute', () => {
    expect(escapeXml(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    );
  });
});
