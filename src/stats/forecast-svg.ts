import { addDays, type Day } from '../scheduler/day.js';
import { escapeXml, monthName, plural } from './svg-text.js';

const BAR = 16;
const GAP = 4;
const STEP = BAR + GAP;
const LEFT = 30;
const TOP = 10;
const PLOT = 120;
const BOTTOM = 20;

/**
 * The due-card forecast as an SVG bar chart: bar i is `dueCounts[i]` cards on `today + i`
 * (the caller folds overdue cards into today). Each bar has a `<title>` "2026-03-12: 4 cards due";
 * the y axis is labelled with the maximum and the x axis once a week. Colours come from
 * stats.css through the classes.
 */
export function forecastSvg(dueCounts: readonly number[], today: Day): string {
  const max = Math.max(0, ...dueCounts);
  const bars: string[] = [];
  const ticks: string[] = [];
  dueCounts.forEach((count, i) => {
    const day = addDays(today, i);
    const x = LEFT + i * STEP;
    // A bar of at least 2px for any card, so "one card due" is visible next to a busy day.
    const height = count === 0 ? 0 : Math.max(2, Math.round((count / max) * PLOT));
    const title = escapeXml(`${day}: ${plural(count, 'card')} due`);
    bars.push(
      `<g class="forecast-day${i === 0 ? ' forecast-today' : ''}" data-day="${escapeXml(day)}"><title>${title}</title>` +
        `<rect x="${x}" y="${TOP}" width="${BAR}" height="${PLOT}" class="forecast-hit"/>` +
        `<rect x="${x}" y="${TOP + PLOT - height}" width="${BAR}" height="${height}" rx="2" class="forecast-bar"/></g>`,
    );
    if (i % 7 === 0) {
      const label = i === 0 ? 'today' : `${monthName(day)} ${Number(day.slice(8))}`;
      ticks.push(`<text x="${x}" y="${TOP + PLOT + 14}" class="chart-label">${escapeXml(label)}</text>`);
    }
  });
  const width = LEFT + dueCounts.length * STEP;
  const height = TOP + PLOT + BOTTOM;
  const axis =
    `<line x1="${LEFT - 4}" y1="${TOP + PLOT + 0.5}" x2="${width}" y2="${TOP + PLOT + 0.5}" class="chart-axis"/>` +
    `<text x="0" y="${TOP + 8}" class="chart-label">${escapeXml(String(max))}</text>` +
    `<text x="0" y="${TOP + PLOT}" class="chart-label">0</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="forecast" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-labelledby="forecast-title"><title id="forecast-title">Cards due over the next ${dueCounts.length} days</title>` +
    `${axis}${bars.join('')}${ticks.join('')}</svg>`
  );
}
