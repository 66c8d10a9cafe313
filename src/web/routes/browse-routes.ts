import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { browseHref, CARD_STATUSES, type BrowseFilter } from '../../browse/browse-filter.js';
import { applyCardAction, CARD_ACTIONS, MAX_SELECTED } from '../../browse/card-actions.js';
import { cardDetail } from '../../browse/card-detail.js';
import { searchCards, topLevelTopics, type BrowsePage } from '../../browse/card-search.js';
import { parseSearch, type SearchSyntaxError } from '../../browse/search-query.js';
import { setSuspended } from '../../browse/suspend.js';
import { badRequest } from '../../errors/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { todayFor } from '../learner-day.js';
import { reviewUrl } from './review-routes.js';
import { currentUser, wantsJson } from '../request-context.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

// The search form sends every field, empty ones as '': those mean "the default", not an error.
const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);
const STATUS_MESSAGE = `must be one of ${CARD_STATUSES.join(', ')}`;

const BrowseQuery = z.object({
  q: z.string({ error: 'must be text' }).trim().max(200, { error: 'must be at most 200 characters' }).default(''),
  topic: z.string({ error: 'must be text' }).max(200, { error: 'must be at most 200 characters' }).default(''),
  status: z.preprocess(blankToUndefined, z.enum(CARD_STATUSES, { error: STATUS_MESSAGE }).default('all')),
  page: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a page number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be 1 or more' })
      .max(100_000, { error: 'is too large' })
      .default(1),
  ),
});

const CardId = z.string({ error: 'must be card ids' }).regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'is not a card id' });
const CardParams = z.object({ cardId: CardId });
// The review screen's card info (`i`) opens the card with `?from=review`, so its back link
// returns to the card in review rather than to a search the learner never made.
const CardFrom = z.object({ from: z.enum(['review'], { error: 'must be review' }).optional() });
const CardActionParams = z.object({
  cardId: CardId,
  action: z.enum(CARD_ACTIONS, { error: `must be one of ${CARD_ACTIONS.join(', ')}` }),
});

// One checkbox sends `ids=c1`, several send `ids=c1&ids=c2`: both become a list.
const SelectedBody = z.object({
  action: z.enum(CARD_ACTIONS, { error: `must be one of ${CARD_ACTIONS.join(', ')}` }),
  ids: z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z
      .array(CardId, { error: 'select at least one card' })
      .min(1, { error: 'select at least one card' })
      .max(MAX_SELECTED, { error: `at most ${MAX_SELECTED} cards at once` }),
  ),
});

/** The card browser: Anki-like search, a card's detail and history, and actions on many cards. */
export function browseRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/browse', requireUser);

  const render = (res: Response, filter: BrowseFilter, page: BrowsePage, error: SearchSyntaxError | null) => {
    res.render('browse', {
      title: 'Browse',
      filter,
      statuses: CARD_STATUSES,
      actions: CARD_ACTIONS,
      topics: topLevelTopics(deps.db),
      ...page,
      error,
      hrefFor: (changes: Partial<BrowseFilter>) => browseHref(filter, changes),
      returnQuery: browseHref(filter).slice('/browse'.length),
    });
  };

  router.get('/browse', (req, res) => {
    const filter: BrowseFilter = parseInput(BrowseQuery, req.query);
    const user = currentUser(req);
    const parsed = parseSearch(filter.q);
    if (!parsed.ok) {
      // A malformed search is the learner's typo: the same page again, with the search kept in
      // the box and the message pointing at the column, and no results rather than wrong ones.
      if (wantsJson(req)) throw badRequest(`q: ${parsed.error.message}`);
      res.status(400);
      return render(res, filter, { rows: [], total: 0, page: 1, pages: 1 }, parsed.error);
    }
    const page = searchCards(deps.db, user.id, filter, { query: parsed.node, today: todayFor(deps, user) });
    render(res, filter, page, null);
  });

  router.get('/browse/cards/:cardId', (req, res) => {
    const { cardId } = parseInput(CardParams, req.params);
    const filter: BrowseFilter = parseInput(BrowseQuery, req.query);
    const { from } = parseInput(CardFrom, req.query);
    const user = currentUser(req);
    const card = cardDetail(deps.db, user.id, cardId);
    // Times in the learner's own zone, as 'YYYY-MM-DD, HH:MM'.
    const time = new Intl.DateTimeFormat('en-CA', {
      timeZone: user.timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
      hourCycle: 'h23',
    });
    res.render('browse-card', {
      title: 'Card',
      card,
      today: todayFor(deps, user),
      formatTime: (ms: number) => time.format(new Date(ms)),
      backHref: from === 'review' ? reviewUrl(card.id, false) : `${browseHref(filter)}#card-${card.id}`,
      backLabel: from === 'review' ? 'Back to review' : 'Back to the results',
      returnQuery: browseHref(filter).slice('/browse'.length),
    });
  });

  const now = () => deps.clock().getTime();

  // Every form's action carries the page's query, so after the change the learner lands on the
  // same search and page, scrolled to the card (the `#card-` anchor). Everything is validated
  // before anything is written; the redirect is built from the validated filter only, so it
  // always stays on /browse.
  router.post('/browse/selected', (req, res) => {
    const filter: BrowseFilter = parseInput(BrowseQuery, req.query);
    const { action, ids } = parseInput(SelectedBody, req.body);
    applyCardAction(deps.db, currentUser(req).id, ids, action, now());
    res.redirect(303, `${browseHref(filter)}#card-${ids[0]}`);
  });

  router.post('/browse/cards/:cardId/:action', (req, res) => {
    const { cardId, action } = parseInput(CardActionParams, req.params);
    const filter: BrowseFilter = parseInput(BrowseQuery, req.query);
    applyCardAction(deps.db, currentUser(req).id, [cardId], action, now());
    res.redirect(303, `/browse/cards/${cardId}${browseHref(filter).slice('/browse'.length)}`);
  });

  const toggle = (suspended: boolean) => (req: Request, res: Response) => {
    const { cardId } = parseInput(CardParams, req.params);
    const filter: BrowseFilter = parseInput(BrowseQuery, req.query);
    setSuspended(deps.db, currentUser(req).id, cardId, suspended);
    res.redirect(303, `${browseHref(filter)}#card-${cardId}`);
  };
  router.post('/browse/:cardId/suspend', toggle(true));
  router.post('/browse/:cardId/unsuspend', toggle(false));

  return router;
}
