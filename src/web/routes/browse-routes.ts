import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { browseHref, CARD_STATUSES, type BrowseFilter } from '../../browse/browse-filter.js';
import { searchCards, topLevelTopics } from '../../browse/card-search.js';
import { setSuspended } from '../../browse/suspend.js';
import type { AppDeps } from '../app-deps.js';
import { currentUser } from '../request-context.js';
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

const CardParams = z.object({
  cardId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'is not a card id' }),
});

/** The card browser: search by text, topic and status, and suspend or unsuspend cards. */
export function browseRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/browse', requireUser);

  router.get('/browse', (req, res) => {
    const filter: BrowseFilter = parseInput(BrowseQuery, req.query);
    const user = currentUser(req);
    const result = searchCards(deps.db, user.id, filter);
    res.render('browse', {
      title: 'Browse',
      filter,
      statuses: CARD_STATUSES,
      topics: topLevelTopics(deps.db),
      ...result,
      hrefFor: (changes: Partial<BrowseFilter>) => browseHref(filter, changes),
      returnQuery: browseHref(filter).slice('/browse'.length),
    });
  });

  // The form's action carries the page's query, so after the change the learner lands on the
  // same search and page. Everything is validated before anything is written.
  const toggle = (suspended: boolean) => (req: Request, res: Response) => {
    const { cardId } = parseInput(CardParams, req.params);
    const filter: BrowseFilter = parseInput(BrowseQuery, req.query);
    setSuspended(deps.db, currentUser(req).id, cardId, suspended);
    res.redirect(303, browseHref(filter));
  };
  router.post('/browse/:cardId/suspend', toggle(true));
  router.post('/browse/:cardId/unsuspend', toggle(false));

  return router;
}
