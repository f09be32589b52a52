import { REGIMES } from '../orders/order.rules.js';
import type { PlanningProblem } from './planning.types.js';
import { DEFAULT_SAME_DAY_POLICY, SAME_DAY_POLICIES } from './same-day.rules.js';

/**
 * The problem in objects of the planner's own making, every one of a kind built alike, whoever built the problem
 * (the service's query, a message from another thread, the warm-up, a test). The planner's compiled code then meets
 * one object layout a kind: objects of several layouts left a thread that had planned the warm-up no faster at its
 * second real planning than at its first.
 */
export function ownCopy(problem: PlanningProblem): PlanningProblem {
  return {
    now: problem.now,
    orders: problem.orders.map((order) => ({
      id: order.id,
      regime: literal(REGIMES, order.regime),
      needMinutes: order.needMinutes,
      maxHoursPerDay: order.maxHoursPerDay,
      startDate: order.startDate,
      endDate: order.endDate,
      person: {
        religion: order.person.religion,
        worshipDefaults: order.person.worshipDefaults,
        inSchool: order.person.inSchool,
        unavailable: order.person.unavailable.map((window) => ({
          weekday: window.weekday,
          from: window.from,
          to: window.to,
        })),
        home: order.person.home && { lat: order.person.home.lat, lng: order.person.home.lng },
        bookedDates: [...order.person.bookedDates],
      },
    })),
    sites: problem.sites.map((site) => ({
      id: site.id,
      location: { lat: site.location.lat, lng: site.location.lng },
      minorsAllowed: site.minorsAllowed,
      agreement: site.agreement && { validFrom: site.agreement.validFrom, validTo: site.agreement.validTo },
      closedDates: [...site.closedDates],
    })),
    shifts: problem.shifts.map((shift) => ({
      id: shift.id,
      siteId: shift.siteId,
      date: shift.date,
      start: shift.start,
      end: shift.end,
      startsAt: shift.startsAt,
      plannedMinutes: shift.plannedMinutes,
      freeSeats: shift.freeSeats,
      coordinated: shift.coordinated,
    })),
    maxTravelMeters: problem.maxTravelMeters,
    sameDay: literal(SAME_DAY_POLICIES, problem.sameDay ?? DEFAULT_SAME_DAY_POLICY),
  };
}

/**
 * The word as this file's literal: a string that came in a message or from the database is another kind of string to
 * V8 than the literal the planner compares it with, and code compiled on one kind is thrown away on meeting the other.
 */
function literal<T extends string>(words: readonly T[], word: T): T {
  return words.find((known) => known === word) ?? word;
}
