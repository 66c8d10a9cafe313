import { addDays, type Day } from '../scheduler/day.js';
import { escapeXml, monthName, plural } from './svg-text.js';

/** Weeks shown: a full year plus the partial week it starts in, as on GitHub. */
export const HEATMAP_WEEKS = 53;
/** Colour levels: heat-0 (nothing) to heat-4 (the busiest days). */
export const HEAT_LEVELS = 4;

const CELL = 11;
const GAP = 3;
const STEP = CELL + GAP;
const LEFT = 28;
const TOP = 16;

/**
 * The colour level of a day, relative to the busiest day shown (as GitHub does): 0 for no
 * answers, otherwise 1–4 by quarter of the maximum, so a light learner still sees contrast.
 */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil((count / max) * HEAT_LEVELS)));
}

/** The first day drawn: the Sunday of the week 52 weeks before the week of `today`. */
export function heatmapStart(today: Day): Day {
  return addDays(today, -(weekday(today) + (HEATMAP_WEEKS - 1) * 7));
}

/**
 * The answers-per-day calendar as an SVG string: one column per week (Sunday at the top), one
 * square per day from `heatmapStart(today)` up to today (days after today are not drawn), each
 * with a class for its colour level and a `<title>` tooltip "2026-03-10: 14 answers".
 * Colours come from stats.css through the classes, so dark mode follows the page.
 */
export function heatmapSvg(answersByDay: ReadonlyMap<Day, number>, today: Day): string {
  const start = heatmapStart(today);
  let max = 0;
  for (const [day, count] of answersByDay) if (day >= start && day <= today) max = Math.max(max, count);

  const cells: string[] = [];
  const months: string[] = [];
  let lastMonth = '';
  for (let week = 0; week < HEATMAP_WEEKS; week++) {
    const x = LEFT + week * STEP;
    const weekStart = addDays(start, week * 7);
    const month = weekStart.slice(0, 7);
    // A month label sits over the first full week of the month, except where it would crowd the edge.
    if (month !== lastMonth && week < HEATMAP_WEEKS - 2) {
      if (lastMonth !== '' || weekStart.slice(8) <= '07') {
        months.push(`<text x="${x}" y="${TOP - 5}" class="heat-label">${escapeXml(monthName(weekStart))}</text>`);
      }
      lastMonth = month;
    }
    for (let dow = 0; dow < 7; dow++) {
      const day = addDays(weekStart, dow);
      if (day > today) break;
      const count = answersByDay.get(day) ?? 0;
      const title = escapeXml(`${day}: ${plural(count, 'answer')}`);
      cells.push(
        `<rect x="${x}" y="${TOP + dow * STEP}" width="${CELL}" height="${CELL}" rx="2" ` +
          `class="heat heat-${heatLevel(count, max)}" data-day="${escapeXml(day)}"><title>${title}</title></rect>`,
      );
    }
  }
  const dayLabels = [
    [1, 'Mon'],
    [3, 'Wed'],
    [5, 'Fri'],
  ] as const;
  const labels = dayLabels.map(
    ([dow, name]) => `<text x="0" y="${TOP + dow * STEP + CELL - 1}" class="heat-label">${escapeXml(name)}</text>`,
  );
  const width = LEFT + HEATMAP_WEEKS * STEP;
  const height = TOP + 7 * STEP;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-labelledby="heatmap-title"><title id="heatmap-title">Answers per day over the past year</title>` +
    `${months.join('')}${labels.join('')}${cells.join('')}</svg>`
  );
}

/** 0 for Sunday … 6 for Saturday; a day string is a calendar date, so UTC is exact. */
function weekday(day: Day): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}
