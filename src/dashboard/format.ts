import type { MatrixCell } from './challenge-matrix.js';
import { STATE_LABELS } from './csv-exports.js';

/** "45 s", "12 min", "2 h 05 min", "3 d 4 h", or "—". For how long a challenge took. */
export function formatSpan(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "73%" or "—" when there is nothing to measure. */
export function formatPercent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** The tooltip of a matrix cell: everything the small square cannot show (its column names the challenge). */
export function describeCell(cell: MatrixCell): string {
  const parts = [`${STATE_LABELS[cell.state]}${cell.late ? ' (late)' : ''}`];
  if (cell.attempts > 0) parts.push(`${cell.attempts} attempt${cell.attempts === 1 ? '' : 's'}`, `${cell.hintsUsed} hint${cell.hintsUsed === 1 ? '' : 's'}`);
  if (cell.timeTakenMs !== null) parts.push(`took ${formatSpan(cell.timeTakenMs)}`);
  if (cell.active) parts.push('sandbox running');
  return parts.join(' · ');
}

/** "2026-03-10 14:05" in the viewer's own time zone (the instructor's), or "—". */
export function formatInstant(ms: number | null, timeZone: string): string {
  if (ms === null) return '—';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
