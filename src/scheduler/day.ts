/**
 * "Today" for a learner: their local calendar day, which starts at the rollover hour (default
 * 4 am, as in Anki) rather than at midnight, so a late-night session counts for the evening.
 * Days are 'YYYY-MM-DD' strings: they compare and sort as text and need no time zone.
 */
export type Day = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows `timeZone` (an IANA name such as Europe/Berlin). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The learner's day at instant `now`. The wall-clock hour in their zone decides, so a daylight
 * saving change (a 23- or 25-hour day) moves the rollover with the clock, as a person expects.
 */
export function learnerDay(now: Date, timeZone: string, rolloverHour: number): Day {
  // Formatting a date in a time zone is the costly part, and every request asks for "today":
  // the answer cannot change within a minute (zones shift by whole quarter hours at most).
  const minute = Math.floor(now.getTime() / 60_000);
  const key = `${timeZone}|${rolloverHour}`;
  const cached = recentDays.get(key);
  if (cached?.minute === minute) return cached.day;
  const day = computeLearnerDay(now, timeZone, rolloverHour);
  recentDays.set(key, { minute, day });
  return day;
}

const recentDays = new Map<string, { minute: number; day: Day }>();

function computeLearnerDay(now: Date, timeZone: string, rolloverHour: number): Day {
  const parts = formatterFor(timeZone).formatToParts(now);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const day = `${get('year')}-${pad(get('month'))}-${pad(get('day'))}`;
  return get('hour') < rolloverHour ? addDays(day, -1) : day;
}

/** Calendar arithmetic on a day string. */
export function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
