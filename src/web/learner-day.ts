import type { User } from '../accounts/users.js';
import { classScopeFor } from '../classes/class-scope.js';
import type { DailyLimits } from '../review/queue.js';
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
export function limitsOf(deps: Pick<AppDeps, 'config' | 'db'>, user?: User): DailyLimits {
  const scope = user ? classScopeFor(deps.db, user.id) : null;
  const options = user ? optionsOf(deps, user) : deps.config;
  return {
    newCardsPerDay: options.newCardsPerDay,
    reviewsPerDay: options.reviewsPerDay,
    topics: scope && scope.topics !== 'all' ? scope.topics : null,
  };
}
