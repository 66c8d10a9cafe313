/** Which cards the browser lists; retired cards only when asked for by name. */
export const CARD_STATUSES = ['all', 'new', 'learning', 'suspended', 'retired'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** Rows per page of the card browser. */
export const PAGE_SIZE = 50;

/** A validated browse request: what the search form and the page links carry. */
export interface BrowseFilter {
  /** The search, in Anki-like syntax (search-query.ts); '' for every card. */
  q: string;
  /** A top-level topic, or '' for every topic. */
  topic: string;
  status: CardStatus;
  page: number;
}

export const DEFAULT_FILTER: BrowseFilter = Object.freeze({ q: '', topic: '', status: 'all', page: 1 });

/**
 * The `/browse` address for a filter, leaving out defaults so links stay short. Built from a
 * validated filter only, which is also why the suspend redirect can trust it: it always stays
 * on /browse, never somewhere a crafted query points to.
 */
export function browseHref(filter: BrowseFilter, changes: Partial<BrowseFilter> = {}): string {
  const next = { ...filter, ...changes };
  const params = new URLSearchParams();
  if (next.q !== '') params.set('q', next.q);
  if (next.topic !== '') params.set('topic', next.topic);
  if (next.status !== DEFAULT_FILTER.status) params.set('status', next.status);
  if (next.page !== 1) params.set('page', String(next.page));
  const query = params.toString();
  return query === '' ? '/browse' : `/browse?${query}`;
}

/**
 * Escapes `%`, `_` and the escape character itself so that a search for "50%" or "max_size"
 * matches those characters literally; the query uses `ESCAPE '\'`.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
