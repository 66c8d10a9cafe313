import { splitTopic, TOPIC_SEPARATOR } from '../content/card.js';
import type { Database } from '../db/database.js';
import { badRequest } from '../errors/app-error.js';
import { EDITED_ANSWER, EDITED_PROMPT, learnerCardWhere, learnerEditsJoin } from '../drafts/learner-cards.js';
import type { Day } from '../scheduler/day.js';
import { escapeLike, PAGE_SIZE, type BrowseFilter, type CardStatus } from './browse-filter.js';
import { flaggedWhere } from './card-flags.js';
import { parseSearch, type SearchNode } from './search-query.js';
import { compileSearch } from './search-sql.js';

/** A parsed Browse search (`parseSearch`) and the learner's "today", which `is:due` needs. */
export interface ParsedQuery {
  query: SearchNode | null;
  today: Day;
}

/** One card as the browser lists it, with this learner's state. */
export interface BrowseRow {
  id: string;
  prompt: string;
  answer: string;
  topic: string;
  sourceFile: string;
  sourceLine: number;
  dueDay: Day | null;
  interval: number | null;
  /** EF in exact hundredths, or null for a card never answered. */
  ease: number | null;
  suspended: boolean;
  flagged: boolean;
  retired: boolean;
  /** The learner changed the card's text (src/drafts/). */
  edited: boolean;
}

export interface BrowsePage {
  rows: BrowseRow[];
  total: number;
  page: number;
  pages: number;
}

interface Row {
  id: string;
  prompt: string;
  answer: string;
  topic: string;
  source_file: string;
  source_line: number;
  retired_at: number | null;
  due_day: string | null;
  interval_days: number | null;
  easiness: number | null;
  suspended: number | null;
  flagged: number;
  edited: number;
}

// The learner's state is joined, not required: a card they have never seen has no card_states row.
// Their edits are joined the same way, and shown and searched instead of the notes' text.
const FROM = `cards c LEFT JOIN card_states cs ON cs.card_id = c.id AND cs.user_id = @userId ${learnerEditsJoin('c')}`;

// Live cards are the learner's cards by the one rule: drafts wait on the drafts page until
// accepted, and rejected cards are listed there too.
const MINE = learnerCardWhere('c');
const STATUS_WHERE: Record<CardStatus, string> = {
  all: MINE,
  new: `${MINE} AND cs.due_day IS NULL AND coalesce(cs.suspended, 0) = 0`,
  learning: `${MINE} AND cs.due_day IS NOT NULL AND cs.suspended = 0`,
  suspended: `${MINE} AND cs.suspended = 1`,
  retired: 'c.retired_at IS NOT NULL',
};

const TOPIC_WHERE = `(@topic = '' OR c.topic = @topic OR c.topic LIKE @topicPrefix ESCAPE '\\')`;

/**
 * One page of the cards matching the search and the form's topic and status, in the order of the
 * notes, with the learner's state. The route parses `filter.q` itself, to show a syntax error on
 * the page; without `parsed`, `filter.q` is parsed here (an error is a 400) and no day is today.
 */
export function searchCards(db: Database, userId: number, filter: BrowseFilter, parsed?: ParsedQuery): BrowsePage {
  const { query, today } = parsed ?? { query: parseOrThrow(filter.q), today: '' };
  const search = compileSearch(query);
  const where = `${STATUS_WHERE[filter.status]} AND ${TOPIC_WHERE} AND ${search.sql}`;
  const params = {
    ...search.params,
    userId,
    today,
    topic: filter.topic,
    topicPrefix: `${escapeLike(filter.topic)}${TOPIC_SEPARATOR}%`,
  };
  const total = db.first<{ n: number }>(`SELECT count(*) AS n FROM ${FROM} WHERE ${where}`, params)?.n ?? 0;
  const rows = db.all<Row>(
    `SELECT c.id, ${EDITED_PROMPT} AS prompt, ${EDITED_ANSWER} AS answer, c.topic, c.source_file, c.source_line, c.retired_at,
            cs.due_day, cs.interval_days, cs.easiness, cs.suspended, ${flaggedWhere('c.id')} AS flagged,
            (o.prompt IS NOT NULL OR o.answer IS NOT NULL OR o.accepted_answers IS NOT NULL) AS edited
       FROM ${FROM} WHERE ${where} ORDER BY c.position, c.id LIMIT @limit OFFSET @offset`,
    { ...params, limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE },
  );
  return { rows: rows.map(toBrowseRow), total, page: filter.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

function parseOrThrow(q: string): SearchNode | null {
  const parsed = parseSearch(q);
  if (!parsed.ok) throw badRequest(`q: ${parsed.error.message}`);
  return parsed.node;
}

/** The top-level topics of the current (not retired) cards, for the topic filter. */
export function topLevelTopics(db: Database): string[] {
  const rows = db.all<{ topic: string }>(`SELECT DISTINCT topic FROM cards WHERE retired_at IS NULL`);
  const topics = new Set(rows.map((row) => splitTopic(row.topic)[0]).filter((t): t is string => t !== undefined));
  return [...topics].sort((a, b) => a.localeCompare(b));
}

function toBrowseRow(row: Row): BrowseRow {
  // A card with a state row but no due day (suspended before ever being seen) is still new.
  const seen = row.due_day !== null;
  return {
    id: row.id,
    prompt: row.prompt,
    answer: row.answer,
    topic: row.topic,
    sourceFile: row.source_file,
    sourceLine: row.source_line,
    dueDay: row.due_day,
    interval: seen ? row.interval_days : null,
    ease: seen ? row.easiness : null,
    suspended: row.suspended === 1,
    flagged: row.flagged === 1,
    retired: row.retired_at !== null,
    edited: row.edited === 1,
  };
}
