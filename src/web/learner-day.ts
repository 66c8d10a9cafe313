import type { User } from '../accounts/users.js';
import { classScopeFor } from '../classes/class-scope.js';
import type { DailyLimits } from '../review/queue.js';
import { learnerDay, type Day } from '../scheduler/day.js';
import type { AppDeps } from './app-deps.js';

/** The signed-in learner's "today", in their own time zone with the server's rollover hour. */
export function todayFor(deps: Pick<AppDeps, 'clock' | 'config'>, user: User): Day {
  return learnerDay(deps.clock(), user.timeZone, deps.config.rolloverHour);
}

/**
 * The learner's daily limits and, when their classes chose topics, those topics: the review
 * session and the home page's counts only show cards the class is working on.
 */
export function limitsOf(deps: Pick<AppDeps, 'config' | 'db'>, user?: User): DailyLimits {
  const scope = user ? classScopeFor(deps.db, user.id) : null;
  return {
    newCardsPerDay: deps.config.newCardsPerDay,
    reviewsPerDay: deps.config.reviewsPerDay,
    topics: scope && scope.topics !== 'all' ? scope.topics : null,
  };
}
