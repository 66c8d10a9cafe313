import { TOPIC_SEPARATOR } from '../content/card.js';
import { EDITED_ANSWER, EDITED_PROMPT } from '../drafts/learner-cards.js';
import { escapeLike } from './browse-filter.js';
import { flaggedWhere } from './card-flags.js';
import type { CardStateName, Pattern, SearchNode } from './search-query.js';

/** A WHERE condition and its named parameters. Values only ever travel as parameters. */
export interface SqlCondition {
  sql: string;
  params: Record<string, string>;
}

/**
 * Compiles a parsed search into one SQL condition over the card browser's FROM clause: cards
 * `c`, the learner's state `cs` (left-joined, so NULL for a card never seen) and edits `o`. The
 * learner is `@userId` and their day `@today`, bound by the caller.
 *
 * Every leaf is two-valued (never NULL), so that `-is:suspended` keeps the cards with no state
 * row: in SQL, NOT of an unknown would drop them.
 */
export function compileSearch(node: SearchNode | null): SqlCondition {
  if (node === null) return { sql: '1', params: {} };
  const params: Record<string, string> = {};
  const bind = (value: string): string => {
    const name = `s${Object.keys(params).length}`;
    params[name] = value;
    return `@${name}`;
  };
  return { sql: compile(node, bind), params };
}

const STATE_SQL: Record<CardStateName, string> = {
  // As in Anki: a review due today or earlier, or today's drill of a card graded below 4; not suspended.
  due: `(coalesce(cs.suspended, 0) = 0 AND ((cs.due_day IS NOT NULL AND cs.due_day <= @today)
    OR (cs.drill_day IS NOT NULL AND cs.drill_day = @today)))`,
  // As in Anki: never answered, whether suspended or not (`is:new -is:suspended` for the queue's new cards).
  new: '(cs.due_day IS NULL)',
  suspended: '(coalesce(cs.suspended, 0) = 1)',
  flagged: flaggedWhere('c.id'),
};

function compile(node: SearchNode, bind: (value: string) => string): string {
  switch (node.type) {
    case 'text': {
      // SQLite's LIKE ignores case for ASCII letters only; good enough for English notes about Docker.
      const p = bind(`%${likePattern(node.pattern)}%`);
      return `(${EDITED_PROMPT} LIKE ${p} ESCAPE '\\' OR ${EDITED_ANSWER} LIKE ${p} ESCAPE '\\' OR c.topic LIKE ${p} ESCAPE '\\')`;
    }
    case 'topic': {
      // The path itself or anything under it, a whole segment at a time: `docker` is not `Docker Compose`.
      const path = likePattern(node.pattern);
      return `(c.topic LIKE ${bind(path)} ESCAPE '\\' OR c.topic LIKE ${bind(`${path}${escapeLike(TOPIC_SEPARATOR)}%`)} ESCAPE '\\')`;
    }
    case 'kind':
      return `(c.kind = ${bind(node.kind)})`;
    case 'is':
      return STATE_SQL[node.state];
    case 'not':
      return `(NOT ${compile(node.node, bind)})`;
    case 'and':
      return `(${node.nodes.map((n) => compile(n, bind)).join(' AND ')})`;
    case 'or':
      return `(${node.nodes.map((n) => compile(n, bind)).join(' OR ')})`;
  }
}

/** A LIKE pattern for a wildcard pattern: literal pieces escaped, joined by `%`. */
function likePattern(pattern: Pattern): string {
  return pattern.map(escapeLike).join('%');
}
