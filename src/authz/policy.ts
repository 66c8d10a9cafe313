import type { User } from '../accounts/users.js';
import type { ClassRecord } from '../classes/class-service.js';

/**
 * Everything the instructor pages can do. Each route names one of these and the middleware in
 * authorize.ts asks `can` — no route checks roles or ownership by itself.
 */
export type Action =
  /** See the list of one's classes, create a class. */
  | 'classes:use'
  /** See a class's dashboard, exports and audit log. */
  | 'class:view'
  /** Rename, choose content, rotate or disable the code, import students. */
  | 'class:manage'
  /** See one student's detail page. */
  | 'student:view'
  /** Reset a student's password. */
  | 'student:manage'
  /** End a student's sandbox. */
  | 'sandbox:end'
  /** Open a sandbox's terminal or published ports. */
  | 'sandbox:use'
  /** See the notes' load errors and reload them. */
  | 'content:manage';

/** What an action is about, as loaded by the middleware. */
export interface Resource {
  /** The class in the URL, or undefined when there is none (or no such class). */
  cls?: ClassRecord;
  /** Whether the student (or the sandbox's owner) in the URL is a member of that class. */
  memberOfClass?: boolean;
  /** For 'sandbox:use': the learner the sandbox belongs to (null for a warm, unassigned one). */
  ownerId?: number | null;
}

const CLASS_ACTIONS: ReadonlySet<Action> = new Set(['class:view', 'class:manage']);
const MEMBER_ACTIONS: ReadonlySet<Action> = new Set(['student:view', 'student:manage', 'sandbox:end']);

/**
 * The one policy. Only instructors act here, an instructor only on classes they created, and on
 * a student only through a class that student is in — so the URL can never reach another
 * instructor's class or a student outside it. Promotion is not a thing: the first account is
 * the instructor (see UserService.createFirst) and every later account is a student.
 */
export function can(user: Pick<User, 'id' | 'role'> | undefined, action: Action, resource: Resource = {}): boolean {
  if (!user) return false;
  // A learner uses their own sandbox; the server's instructor may look into any learner's.
  if (action === 'sandbox:use') return user.role === 'instructor' || (resource.ownerId != null && resource.ownerId === user.id);
  if (user.role !== 'instructor') return false;
  if (action === 'classes:use' || action === 'content:manage') return true;
  const ownsClass = resource.cls !== undefined && resource.cls.instructorId === user.id;
  if (CLASS_ACTIONS.has(action)) return ownsClass;
  if (MEMBER_ACTIONS.has(action)) return ownsClass && resource.memberOfClass === true;
  return false;
}
