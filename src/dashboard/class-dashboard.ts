import type { ChallengeCatalog } from '../classes/challenge-catalog.js';
import type { ClassRecord, ClassService } from '../classes/class-service.js';
import type { RosterEntry, StudentAccounts } from '../classes/student-accounts.js';
import type { Database } from '../db/database.js';
import { challengeMatrix, type MatrixCell, type MatrixColumn } from './challenge-matrix.js';
import type { LiveSandbox, LiveSandboxes } from './live-sandboxes.js';
import { studentStats, type StudentStats } from './student-stats.js';

/** What the dashboard needs from the server. */
export interface DashboardSources {
  db: Database;
  classes: ClassService;
  students: StudentAccounts;
  catalog: ChallengeCatalog;
  sandboxes: LiveSandboxes;
  rolloverHour: number;
}

export interface DashboardColumn extends MatrixColumn {
  title: string;
  /** Students who passed it. */
  passed: number;
}

export interface DashboardRow {
  student: RosterEntry;
  stats: StudentStats;
  cells: MatrixCell[];
  passed: number;
}

export interface ClassDashboard {
  cls: ClassRecord;
  columns: DashboardColumn[];
  rows: DashboardRow[];
  sandboxes: (LiveSandbox & { displayName: string })[];
  generatedAt: number;
}

/**
 * The matrix's columns: the challenges the class chose, in its order, or every known challenge
 * when it chose none (the same "empty means everything" rule as classScopeFor).
 */
export function dashboardColumns(sources: Pick<DashboardSources, 'classes' | 'catalog'>, classId: number): DashboardColumn[] {
  const catalog = sources.catalog.list();
  const titles = new Map(catalog.map((c) => [c.id, c.title]));
  const chosen = sources.classes.content(classId).challenges;
  const columns = chosen.length > 0 ? chosen : catalog.map((c) => ({ challengeId: c.id, dueDay: null }));
  // A chosen challenge whose file was removed keeps its column (and its history) under its id.
  return columns.map((c) => ({ ...c, title: titles.get(c.challengeId) ?? c.challengeId, passed: 0 }));
}

/** Everything on the dashboard of one class, read in one pass. */
export function classDashboard(sources: DashboardSources, cls: ClassRecord, now: Date): ClassDashboard {
  const roster = sources.students.roster(cls.id);
  const columns = dashboardColumns(sources, cls.id);
  const stats = studentStats(sources.db, roster, now, sources.rolloverHour, sources.classes.content(cls.id).topics);
  const matrix = challengeMatrix(sources.db, roster, columns, now, sources.rolloverHour);
  const rows = roster.map((student): DashboardRow => {
    const cells = matrix.get(student.userId) ?? [];
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (column && cell.state === 'passed') column.passed++;
    });
    return { student, stats: stats.get(student.userId) as StudentStats, cells, passed: cells.filter((c) => c.state === 'passed').length };
  });
  const names = new Map(roster.map((s) => [s.userId, s.displayName]));
  const sandboxes = sources.sandboxes
    .list(roster.map((s) => s.userId))
    .map((sandbox) => ({ ...sandbox, displayName: names.get(sandbox.userId) ?? `user ${sandbox.userId}` }));
  return { cls, columns, rows, sandboxes, generatedAt: now.getTime() };
}
