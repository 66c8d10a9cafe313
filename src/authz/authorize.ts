import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ClassRecord, ClassService } from '../classes/class-service.js';
import type { RosterEntry, StudentAccounts } from '../classes/student-accounts.js';
import { forbidden, unauthorized } from '../errors/app-error.js';
import { can, type Action } from './policy.js';

/** What the middleware loaded and the policy allowed, for the handler to use. */
export interface Authorized {
  cls?: ClassRecord;
  student?: RosterEntry;
}

const ID = /^[1-9]\d{0,15}$/;
const idOf = (value: unknown): number | undefined => (typeof value === 'string' && ID.test(value) ? Number(value) : undefined);

/** Finds the user an action is about (the owner of a sandbox, say) once the class is known. */
export type SubjectOf = (req: Request, cls: ClassRecord) => number | undefined;

const studentInUrl: SubjectOf = (req) => idOf(req.params.studentId);

/**
 * The one authorization middleware: loads the class (`:classId`) and the student the action is
 * about (`:studentId` by default, or whatever `subjectOf` finds), asks the policy, and refuses
 * with 403 otherwise. A class that does not exist is refused exactly like another instructor's,
 * so ids reveal nothing.
 */
export function authorize(
  services: { classes: ClassService; students: StudentAccounts },
  action: Action,
  subjectOf: SubjectOf = studentInUrl,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) return next(unauthorized());
    const classId = idOf(req.params.classId);
    const found = classId === undefined ? undefined : services.classes.byId(classId);
    // Only the owner's class is looked into further: nobody else learns who is in it.
    const cls = found && can(req.user, 'class:view', { cls: found }) ? found : undefined;
    const subject = cls ? subjectOf(req, cls) : undefined;
    const student = cls && subject !== undefined ? services.students.member(cls.id, subject) : undefined;
    if (!can(req.user, action, { cls: found, memberOfClass: student !== undefined })) {
      return next(forbidden(req.user.role === 'instructor' ? 'That is not in one of your classes.' : 'Only an instructor can do this.'));
    }
    const authorized: Authorized = { cls, student };
    res.locals.authorized = authorized;
    next();
  };
}

/** The class the middleware authorized; a route without `authorize(…)` in front is a bug. */
export function authorizedClass(res: Response): ClassRecord {
  const cls = (res.locals.authorized as Authorized | undefined)?.cls;
  if (!cls) throw new Error('authorizedClass: this route has no authorize() in front of it');
  return cls;
}

/** The student the middleware authorized (a member of the authorized class). */
export function authorizedStudent(res: Response): RosterEntry {
  const student = (res.locals.authorized as Authorized | undefined)?.student;
  if (!student) throw new Error('authorizedStudent: this route has no authorize() with :studentId in front of it');
  return student;
}
