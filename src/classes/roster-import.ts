import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { badRequest } from '../errors/app-error.js';
import type { Actor, ClassService } from './class-service.js';
import { CsvSyntaxError, parseCsv } from './csv-parse.js';
import { newOneTimePassword } from './one-time-password.js';
import type { NewStudent, StudentAccounts } from './student-accounts.js';

/** One student line of a roster file. */
export interface RosterLine {
  line: number;
  name: string;
  email: string;
}

/** What an import did for one line; the one-time password is shown once and never stored. */
export interface ImportedStudent {
  line: number;
  name: string;
  email: string;
  username: string;
  /** null when the address already had an account: it was only added to the class. */
  oneTimePassword: string | null;
}

export const MAX_ROSTER_LINES = 1000;

const Name = z.string().trim().min(1, { error: 'name is empty' }).max(80, { error: 'name is longer than 80 characters' });
const Email = z.email({ error: 'email is not valid' }).max(120, { error: 'email is longer than 120 characters' });

/**
 * Reads a `name,email` CSV. Every problem names its line ("line 4: email is not valid"), and the
 * first one stops the import before anything is created.
 */
export function parseRoster(text: string): RosterLine[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw badRequest(error.message);
    throw error;
  }
  const [header, ...rows] = records;
  const columns = header?.fields.map((field) => field.trim().toLowerCase());
  if (!header || columns?.length !== 2 || columns[0] !== 'name' || columns[1] !== 'email') {
    throw badRequest(`line ${header?.line ?? 1}: the first line must be the header name,email`);
  }
  if (rows.length === 0) throw badRequest('the file has no students under its header');
  if (rows.length > MAX_ROSTER_LINES) throw badRequest(`the file has ${rows.length} students; import at most ${MAX_ROSTER_LINES} at a time`);
  const seen = new Map<string, number>();
  return rows.map(({ line, fields }) => {
    if (fields.length !== 2) throw badRequest(`line ${line}: expected 2 fields (name,email), found ${fields.length}`);
    const name = Name.safeParse(fields[0]);
    if (!name.success) throw badRequest(`line ${line}: ${name.error.issues[0]?.message ?? 'name is not valid'}`);
    const email = Email.safeParse(fields[1]?.trim());
    if (!email.success) throw badRequest(`line ${line}: ${email.error.issues[0]?.message ?? 'email is not valid'}`);
    const key = email.data.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) throw badRequest(`line ${line}: ${email.data} is already on line ${first}`);
    seen.set(key, line);
    return { line, name: name.data, email: email.data };
  });
}

/**
 * A username from an address: its local part in lower case, letters, digits and . _ - only.
 * `taken` decides clashes; the second "ana" becomes "ana2", so nobody is refused for a name.
 */
export function usernameFromEmail(email: string, taken: (username: string) => boolean): string {
  const local = (email.split('@')[0] ?? '').toLowerCase().replace(/[^a-z0-9._-]/g, '').replace(/^[.-]+|[.-]+$/g, '');
  const base = (local.length >= 2 ? local : `student${local}`).slice(0, 36);
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/**
 * Imports a roster into a class, all or nothing: new addresses get an account with a one-time
 * password; addresses that already have a student account are added to the class as they are.
 */
export async function importRoster(
  services: { db: Database; classes: ClassService; students: StudentAccounts },
  classId: number,
  text: string,
  actor: Actor & { timeZone: string },
): Promise<ImportedStudent[]> {
  const lines = parseRoster(text);
  const planned = new Set<string>();
  const taken = (username: string) => planned.has(username.toLowerCase()) || services.students.usernameTaken(username);
  const results: ImportedStudent[] = [];
  const fresh: NewStudent[] = [];
  const existing: number[] = [];
  for (const row of lines) {
    const account = services.students.byEmail(row.email);
    if (account) {
      if (account.role !== 'student') throw badRequest(`line ${row.line}: ${row.email} belongs to an instructor`);
      existing.push(account.userId);
      results.push({ ...row, username: account.username, oneTimePassword: null });
      continue;
    }
    const username = usernameFromEmail(row.email, taken);
    planned.add(username.toLowerCase());
    const password = newOneTimePassword();
    fresh.push({ username, displayName: row.name, email: row.email, password, timeZone: actor.timeZone, oneTime: true });
    results.push({ ...row, username, oneTimePassword: password });
  }
  await services.students.createInClass(classId, fresh, actor.now, () => {
    for (const userId of existing) services.classes.addMember(classId, userId, actor.now);
    const already = existing.length > 0 ? ` (${existing.length} already had accounts)` : '';
    recordAudit(services.db, {
      at: actor.now,
      actorId: actor.userId,
      classId,
      action: 'students.imported',
      detail: `imported ${lines.length} students from a CSV${already}`,
    });
  });
  return results;
}
