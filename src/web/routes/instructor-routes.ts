import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { auditForClass, recordAudit } from '../../audit/audit-log.js';
import { authorize, authorizedClass, authorizedStudent, type SubjectOf } from '../../authz/authorize.js';
import { topLevelTopics } from '../../browse/card-search.js';
import { ClassService, type ClassRecord } from '../../classes/class-service.js';
import { importRoster, type ImportedStudent } from '../../classes/roster-import.js';
import { StudentAccounts } from '../../classes/student-accounts.js';
import { classDashboard, type DashboardSources } from '../../dashboard/class-dashboard.js';
import { attemptsCsv, matrixCsv, studentsCsv } from '../../dashboard/csv-exports.js';
import { describeCell, formatInstant, formatPercent, formatSpan } from '../../dashboard/format.js';
import { studentDetail } from '../../dashboard/student-detail.js';
import { AppError, badRequest } from '../../errors/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { currentUser } from '../request-context.js';
import { parseInput } from '../validate.js';

const ClassName = z.string().trim().min(1, { error: 'is required' }).max(80, { error: 'must be at most 80 characters' });
const NameBody = z.object({ name: ClassName });
const ImportBody = z.object({ csv: z.string().max(60_000, { error: 'is too long; import at most 1000 students at a time' }) });
const toList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const DueDay = z.union([
  z.literal(''),
  z.iso.date({ error: 'must be a date such as 2026-04-30' }),
]);
const ContentBody = z.object({
  topics: z.preprocess(toList, z.array(z.string().max(200))),
  challenges: z.preprocess(toList, z.array(z.string().max(100))),
});

const viewHelpers = { formatSpan, formatPercent, describeCell };

/** The instructor area: classes, roster, dashboard, exports, audit log. Every route is authorized by the one policy. */
export function instructorRoutes(deps: AppDeps): Router {
  const router = Router();
  const classes = new ClassService(deps.db);
  const students = new StudentAccounts(deps.db);
  const sources: DashboardSources = {
    db: deps.db,
    classes,
    students,
    catalog: deps.challengeCatalog,
    sandboxes: deps.liveSandboxes,
    rolloverHour: deps.config.rolloverHour,
  };
  const services = { classes, students };
  const actor = (req: Request) => ({ userId: currentUser(req).id, now: deps.clock().getTime() });
  const at = (req: Request) => (ms: number | null) => formatInstant(ms, currentUser(req).timeZone);
  const sandboxOwner: SubjectOf = (req, cls) => {
    const roster = students.roster(cls.id).map((s) => s.userId);
    return sources.sandboxes.list(roster).find((s) => s.id === req.params.sandboxId)?.userId;
  };
  const base = (cls: ClassRecord) => `/instructor/classes/${cls.id}`;

  const renderSettings = (req: Request, res: Response, status: number, extra: { error?: string; csv?: string; notice?: string }) => {
    const cls = authorizedClass(res);
    res.status(status).render('instructor/settings', {
      title: `${cls.name} · settings`,
      cls,
      content: classes.content(cls.id),
      topics: topLevelTopics(deps.db),
      catalog: sources.catalog.list(),
      roster: students.roster(cls.id),
      joinUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}/join?code=${encodeURIComponent(cls.joinCode)}`,
      error: extra.error,
      notice: extra.notice,
      csv: extra.csv ?? '',
    });
  };
  const showPasswords = (res: Response, cls: ClassRecord, heading: string, people: Pick<ImportedStudent, 'name' | 'username' | 'oneTimePassword'>[]) => {
    // Shown once: no copy may stay in the browser's cache or history.
    res.set('Cache-Control', 'no-store');
    res.render('instructor/passwords', { title: heading, heading, cls, people });
  };

  router.get('/instructor', authorize(services, 'classes:use'), (req, res) => {
    res.render('instructor/index', { title: 'Instructor', classes: classes.listFor(currentUser(req).id), error: undefined });
  });

  router.post('/instructor/classes', authorize(services, 'classes:use'), (req, res) => {
    const { name } = parseInput(NameBody, req.body);
    const cls = classes.create(name, actor(req));
    res.redirect(303, `${base(cls)}/settings`);
  });

  router.get('/instructor/classes/:classId', authorize(services, 'class:view'), (req, res) => {
    const cls = authorizedClass(res);
    res.render('instructor/dashboard', { title: cls.name, d: classDashboard(sources, cls, deps.clock()), at: at(req), ...viewHelpers });
  });

  // The live part of the dashboard, fetched every few seconds by views/static/dashboard.js.
  router.get('/instructor/classes/:classId/live', authorize(services, 'class:view'), (req, res) => {
    const cls = authorizedClass(res);
    res.set('Cache-Control', 'no-store');
    res.render('instructor/live', { d: classDashboard(sources, cls, deps.clock()), at: at(req), ...viewHelpers });
  });

  router.get('/instructor/classes/:classId/settings', authorize(services, 'class:manage'), (req, res) => {
    renderSettings(req, res, 200, {});
  });

  router.post('/instructor/classes/:classId/name', authorize(services, 'class:manage'), (req, res) => {
    const { name } = parseInput(NameBody, req.body);
    classes.rename(authorizedClass(res).id, name, actor(req));
    res.redirect(303, `${base(authorizedClass(res))}/settings`);
  });

  router.post('/instructor/classes/:classId/content', authorize(services, 'class:manage'), (req, res) => {
    const cls = authorizedClass(res);
    const body = parseInput(ContentBody, req.body);
    const knownTopics = new Set(topLevelTopics(deps.db));
    const current = classes.content(cls.id);
    for (const topic of body.topics) {
      if (!knownTopics.has(topic) && !current.topics.includes(topic)) throw badRequest(`topics: "${topic}" is not a topic of the cards`);
    }
    // Catalog order decides the dashboard's column order, so the matrix reads like the course.
    const known = [...sources.catalog.list().map((c) => c.id), ...current.challenges.map((c) => c.challengeId)];
    for (const id of body.challenges) if (!known.includes(id)) throw badRequest(`challenges: "${id}" is not a challenge`);
    const chosen = [...new Set(known)].filter((id) => body.challenges.includes(id));
    const raw = req.body as Record<string, unknown>;
    const challenges = chosen.map((challengeId) => {
      const due = parseInput(z.object({ [`due:${challengeId}`]: DueDay.optional() }), raw)[`due:${challengeId}`];
      return { challengeId, dueDay: due ? due : null };
    });
    classes.setContent(cls.id, { topics: body.topics, challenges }, actor(req));
    res.redirect(303, `${base(cls)}/settings`);
  });

  router.post('/instructor/classes/:classId/code/rotate', authorize(services, 'class:manage'), (req, res) => {
    classes.rotateCode(authorizedClass(res).id, actor(req));
    res.redirect(303, `${base(authorizedClass(res))}/settings`);
  });

  for (const [path, enabled] of [['disable', false], ['enable', true]] as const) {
    router.post(`/instructor/classes/:classId/code/${path}`, authorize(services, 'class:manage'), (req, res) => {
      classes.setJoinEnabled(authorizedClass(res).id, enabled, actor(req));
      res.redirect(303, `${base(authorizedClass(res))}/settings`);
    });
  }

  router.post('/instructor/classes/:classId/import', authorize(services, 'class:manage'), async (req, res) => {
    const cls = authorizedClass(res);
    const raw = req.body as Record<string, unknown>;
    try {
      const { csv } = parseInput(ImportBody, raw);
      const imported = await importRoster({ db: deps.db, ...services }, cls.id, csv, { ...actor(req), timeZone: deps.config.timeZone });
      showPasswords(res, cls, `Imported ${imported.length} students`, imported);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      renderSettings(req, res, error.status, { error: `Nothing was imported. ${error.message}`, csv: typeof raw.csv === 'string' ? raw.csv : '' });
    }
  });

  router.get('/instructor/classes/:classId/students/:studentId', authorize(services, 'student:view'), (req, res) => {
    const cls = authorizedClass(res);
    const detail = studentDetail(sources, cls, authorizedStudent(res), deps.clock());
    res.render('instructor/student', { title: detail.student.displayName, cls, detail, at: at(req), ...viewHelpers });
  });

  router.post('/instructor/classes/:classId/students/:studentId/reset-password', authorize(services, 'student:manage'), async (req, res) => {
    const cls = authorizedClass(res);
    const student = authorizedStudent(res);
    const password = await students.resetPassword(cls.id, student.userId, actor(req));
    deps.sessions.destroyAllFor(student.userId);
    showPasswords(res, cls, `New password for ${student.displayName}`, [{ name: student.displayName, username: student.username, oneTimePassword: password }]);
  });

  router.post('/instructor/classes/:classId/sandboxes/:sandboxId/end', authorize(services, 'sandbox:end', sandboxOwner), async (req, res) => {
    const cls = authorizedClass(res);
    const owner = authorizedStudent(res);
    const sandboxId = String(req.params.sandboxId);
    await sources.sandboxes.end(sandboxId);
    const { userId, now } = actor(req);
    recordAudit(deps.db, { at: now, actorId: userId, classId: cls.id, action: 'sandbox.ended', targetUserId: owner.userId, detail: `ended the sandbox ${sandboxId}` });
    res.redirect(303, base(cls));
  });

  const exports = { matrix: matrixCsv, attempts: attemptsCsv, students: studentsCsv } as const;
  for (const [name, toCsvText] of Object.entries(exports)) {
    router.get(`/instructor/classes/:classId/export/${name}.csv`, authorize(services, 'class:view'), (_req, res) => {
      const cls = authorizedClass(res);
      const day = deps.clock().toISOString().slice(0, 10);
      res.set('Content-Type', 'text/csv; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="class-${cls.id}-${name}-${day}.csv"`);
      res.send(toCsvText(classDashboard(sources, cls, deps.clock())));
    });
  }

  router.get('/instructor/classes/:classId/audit', authorize(services, 'class:view'), (req, res) => {
    const cls = authorizedClass(res);
    res.render('instructor/audit', { title: `${cls.name} · audit log`, cls, entries: auditForClass(deps.db, cls.id), at: at(req) });
  });

  return router;
}
