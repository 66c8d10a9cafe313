import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { User } from '../../accounts/users.js';
import { IMPORT_LIMITS } from '../../export/anki-text-import.js';
import { LearnerExports } from '../../export/export-service.js';
import type { AppDeps } from '../app-deps.js';
import { optionsOf, todayFor } from '../learner-day.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

/**
 * The import form may carry a 2 MB file; URL-encoding can triple it. The app's parser is limited
 * to 64 kB for every other form, so this path gets its own, mounted before it (src/web/app.ts).
 */
export const importFormBody = express.urlencoded({ extended: false, limit: `${Math.ceil((IMPORT_LIMITS.bytes * 3) / 1024) + 64}kb` });

const ImportBody = z.object({
  text: z.string({ error: 'is required: paste the file or choose one' }),
});

const ImportedQuery = z.object({
  added: z.coerce.number().int().min(0).optional(),
  updated: z.coerce.number().int().min(0).optional(),
  skipped: z.coerce.number().int().min(0).optional(),
  removed: z.coerce.number().int().min(0).optional(),
});

/**
 * Taking cards along: the learner's own cards and history as Anki files, and an Anki text file
 * brought in as their own cards. Every route acts on the signed-in learner only; no route takes
 * a learner id.
 */
export function exportRoutes(deps: AppDeps): Router {
  const router = Router();
  const exports = new LearnerExports(deps.db);
  router.use('/export', requireUser);

  const render = (res: Response, user: User, status: number, extra: { error?: string; text?: string; notice?: string }) => {
    const imported = exports.imported(user.id);
    res.status(status).render('export', {
      title: 'Export and import',
      imported: imported.slice(0, 200),
      importedCount: imported.length,
      limits: IMPORT_LIMITS,
      error: extra.error,
      notice: extra.notice,
      text: extra.text ?? '',
    });
  };

  router.get('/export', (req, res) => {
    const query = parseInput(ImportedQuery, req.query);
    let notice: string | undefined;
    if (query.added !== undefined) {
      notice = `Imported ${query.added} new card${query.added === 1 ? '' : 's'}, updated ${query.updated ?? 0}.`;
      if (query.skipped) notice += ` ${query.skipped} ${query.skipped === 1 ? 'was a card' : 'were cards'} you already have from the notes.`;
    } else if (query.removed !== undefined) {
      notice = `Removed ${query.removed} imported card${query.removed === 1 ? '' : 's'}.`;
    }
    render(res, currentUser(req), 200, { notice });
  });

  const download = (res: Response, user: User, file: { name: string; ext: string; type: string }, body: string | Uint8Array) => {
    const day = todayFor(deps, user);
    res.set('Cache-Control', 'no-store');
    res.set('Content-Type', file.type);
    // Usernames are letters, digits and . _ @ - only (src/web/fields.ts): safe inside the quotes.
    res.set('Content-Disposition', `attachment; filename="deckhand-${user.username}-${file.name}-${day}.${file.ext}"`);
    res.send(typeof body === 'string' ? body : Buffer.from(body));
  };

  router.get('/export/cards.csv', (req, res) => {
    const user = currentUser(req);
    download(res, user, { name: 'cards', ext: 'csv', type: 'text/csv; charset=utf-8' }, exports.cardsCsv(user.id));
  });

  router.get('/export/history.csv', (req, res) => {
    const user = currentUser(req);
    download(res, user, { name: 'history', ext: 'csv', type: 'text/csv; charset=utf-8' }, exports.historyCsv(user.id));
  });

  router.get('/export/deck.apkg', (req, res) => {
    const user = currentUser(req);
    const body = exports.apkg(user.id, {
      today: todayFor(deps, user),
      now: deps.clock().getTime(),
      timeZone: user.timeZone,
      rolloverHour: optionsOf(deps, user).rolloverHour,
    });
    download(res, user, { name: 'deck', ext: 'apkg', type: 'application/octet-stream' }, body);
  });

  router.post('/export/import', (req: Request, res: Response) => {
    const user = currentUser(req);
    const { text } = parseInput(ImportBody, req.body);
    const outcome = exports.importText(user.id, text, deps.clock().getTime());
    if (!outcome.ok) {
      // The learner's text comes back so that they can fix the line the message names.
      render(res, user, 400, { error: outcome.message, text: text.length <= 200_000 ? text : '' });
      return;
    }
    res.redirect(303, `/export?added=${outcome.added}&updated=${outcome.updated}&skipped=${outcome.alreadyYours}`);
  });

  router.post('/export/imported/delete', (req, res) => {
    const removed = exports.removeImported(currentUser(req).id);
    res.redirect(303, `/export?removed=${removed}`);
  });

  return router;
}
