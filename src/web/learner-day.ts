import type { User } from '../accounts/users.js';
import { classScopeFor } from '../classes/class-scope.js';
import type { DailyLimits } from '../review/queue.js';
import { dueThrough, studyMoreOn } from '../review/study-more.js';
import { studyOptionsFor, type StudyOptions } from '../review/study-options.js';
import { learnerDay, type Day } from '../scheduler/day.js';
import type { AppDeps } from './app-deps.js';

/** The learner's study options, the server's settings standing in for those they never set. */
export function optionsOf(deps: Pick<AppDeps, 'config' | 'db'>, user: User): StudyOptions {
  return studyOptionsFor(deps.db, user.id, deps.config);
}

/** The signed-in learner's "today", in their own time zone from their own rollover hour. */
export function todayFor(deps: Pick<AppDeps, 'clock' | 'config' | 'db'>, user: User): Day {
  return learnerDay(deps.clock(), user.timeZone, optionsOf(deps, user).rolloverHour);
}

/**
 * The learner's daily limits (their own, or the server's) and, when their classes chose topics,
 * those topics: the review session and the home page's counts only show cards the class is
 * working on.
 */
export function limitsOf(deps: Pick<AppDeps, 'clock' | 'config' | 'db'>, user?: User): DailyLimits {
  if (!user) return { newCardsPerDay: deps.config.newCardsPerDay, reviewsPerDay: deps.config.reviewsPerDay, topics: null };
  const scope = classScopeFor(deps.db, user.id);
  const options = optionsOf(deps, user);
  const today = learnerDay(deps.clock(), user.timeZone, options.rolloverHour);
  // "Study more" (src/review/study-more.ts): extra new cards and reviewing ahead, for today only.
  const more = studyMoreOn(deps.db, user.id, today);
  return {
    newCardsPerDay: options.newCardsPerDay + more.extraNew,
    reviewsPerDay: options.reviewsPerDay,
    dueThrough: dueThrough(today, more),
    topics: scope && scope.topics !== 'all' ? scope.topics : null,
  };
}
