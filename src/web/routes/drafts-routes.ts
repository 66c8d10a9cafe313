import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { classScopeFor } from '../../classes/class-scope.js';
import {
  acceptCard,
  acceptFile,
  clearDecision,
  editableCard,
  editCard,
  pendingDrafts,
  rejectCard,
  rejectedCards,
  revertEdit,
  type EditableCard,
} from '../../drafts/drafts.js';
import { AppError } from '../../errors/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { currentUser } from '../request-context.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

const MAX_ACCEPTED = 20;

/**
 * Where a form goes back to: one of the learner's own pages, never an address a crafted link
 * points to (no scheme, no host, no `//`, no backslash).
 */
const Back = z
  .string({ error: 'must be text' })
  .max(500, { error: 'is too long' })
  .regex(/^\/(?:review|browse|drafts|quiz)(?:[/?][^\s\\]*)?$/, { error: 'must be a Deckhand page' })
  .refine((path) => !path.includes('//'), { error: 'must be a Deckhand page' })
  .default('/drafts');

const CardParams = z.object({
  cardId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'is not a card id' }),
});

const BackBody = z.object({ back: Back });
const BackQuery = z.object({ back: Back });

const text = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, { error: 'is required' })
    .max(max, { error: `must be at most ${max} characters` });

// One accepted answer per line; blank lines are nothing, not an empty answer.
const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

const EditBody = z.object({
  prompt: text(1000),
  answer: text(2000),
  accepted: z
    .string({ error: 'must be text' })
    .max(20_000, { error: 'is too long' })
    .default('')
    .transform(lines)
    .pipe(
      z
        .array(z.string().max(500, { error: 'each line must be at most 500 characters' }))
        .max(MAX_ACCEPTED, { error: `at most ${MAX_ACCEPTED} answers, one per line` }),
    ),
  accept: z.enum(['1'], { error: 'must be 1 when given' }).optional(),
  back: Back,
});

const FileBody = z.object({
  file: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(1000, { error: 'is too long' }),
});

/** What the edit form shows: the card, and the fields as the learner last saw or typed them. */
interface EditForm {
  prompt: string;
  answer: string;
  accepted: string;
  back: string;
  error?: string;
}

/**
 * The learner's say over cards: the drafts page (accept, edit, reject, accept a whole file) and
 * the edit form reached from drafts, review and browse. Every form is CSRF-protected by the app's
 * middleware and validated here; a bad edit comes back as the same form with the message (400).
 */
export function draftsRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(['/drafts', '/cards'], requireUser);

  const now = () => deps.clock().getTime();
  const scopeOf = (req: Request) => classScopeFor(deps.db, currentUser(req).id);

  router.get('/drafts', (req, res) => {
    const user = currentUser(req);
    const drafts = pendingDrafts(deps.db, user.id, scopeOf(req));
    const files = new Map<string, EditableCard[]>();
    for (const draft of drafts) files.set(draft.sourceFile, [...(files.get(draft.sourceFile) ?? []), draft]);
    res.render('drafts', { title: 'Drafts', count: drafts.length, files: [...files], rejected: rejectedCards(deps.db, user.id) });
  });

  router.post('/drafts/accept-file', (req, res) => {
    const { file } = parseInput(FileBody, req.body);
    acceptFile(deps.db, currentUser(req).id, file, scopeOf(req), now());
    res.redirect(303, '/drafts');
  });

  const renderEdit = (res: Response, card: EditableCard, form: EditForm) => {
    res.render('card-edit', { title: 'Edit card', card, form, error: form.error });
  };

  router.get('/cards/:cardId/edit', (req, res) => {
    const { cardId } = parseInput(CardParams, req.params);
    const { back } = parseInput(BackQuery, req.query);
    const card = editableCard(deps.db, currentUser(req).id, cardId);
    renderEdit(res, card, { prompt: card.prompt, answer: card.answer, accepted: card.override.acceptedAnswers.join('\n'), back });
  });

  router.post('/cards/:cardId/edit', (req, res) => {
    const { cardId } = parseInput(CardParams, req.params);
    const user = currentUser(req);
    // The card first: a missing one is a 404 whatever the body says.
    const card = editableCard(deps.db, user.id, cardId);
    let body: z.infer<typeof EditBody>;
    try {
      body = parseInput(EditBody, req.body);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const raw = (req.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof raw[name] === 'string' ? raw[name] : '');
      const back = BackBody.safeParse(raw);
      res.status(400);
      return renderEdit(res, card, {
        prompt: field('prompt'),
        answer: field('answer'),
        accepted: field('accepted'),
        back: back.success ? back.data.back : '/drafts',
        error: error.message,
      });
    }
    editCard(deps.db, user.id, cardId, { prompt: body.prompt, answer: body.answer, acceptedAnswers: body.accepted, accept: body.accept === '1' }, now());
    res.redirect(303, body.back);
  });

  // Decisions: each form carries where it came from, validated before anything is written.
  const decide = (apply: (userId: number, cardId: string, at: number) => void) => (req: Request, res: Response) => {
    const { cardId } = parseInput(CardParams, req.params);
    const { back } = parseInput(BackBody, req.body);
    apply(currentUser(req).id, cardId, now());
    res.redirect(303, back);
  };
  router.post('/cards/:cardId/accept', decide((userId, cardId, at) => acceptCard(deps.db, userId, cardId, at)));
  router.post('/cards/:cardId/reject', decide((userId, cardId, at) => rejectCard(deps.db, userId, cardId, at)));
  router.post('/cards/:cardId/restore', decide((userId, cardId, at) => clearDecision(deps.db, userId, cardId, at)));
  router.post('/cards/:cardId/revert', decide((userId, cardId, at) => revertEdit(deps.db, userId, cardId, at)));

  return router;
}
