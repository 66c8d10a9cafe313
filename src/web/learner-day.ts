import type { User } from '../accounts/users.js';
import { learnerDay, type Day } from '../scheduler/day.js';
import type { AppDeps } from './app-deps.js';

/** The signed-in learner's "today", in their own time zone with the server's rollover hour. */
export function todayFor(deps: Pick<AppDeps, 'clock' | 'config'>, user: User): Day {
  return learnerDay(deps.clock(), user.timeZone, deps.config.rolloverHour);
}

export function limitsOf(deps: Pick<AppDeps, 'config'>) {
  return { newCardsPerDay: deps.config.newCardsPerDay, reviewsPerDay: deps.config.reviewsPerDay };
}
