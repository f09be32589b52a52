import type { WeeklyWindow } from '../assignments/booking.rules.js';
import type { LatLng } from '../common/geo.js';
import type { Regime } from '../orders/order.rules.js';
import type { SameDayPolicy } from './same-day.rules.js';

/** An order as the planner sees it: what is still owed, and who owes it. */
export interface PlanOrder {
  id: string;
  regime: Regime;
  /** Minutes still owed and not yet covered by a booking. */
  needMinutes: number;
  maxHoursPerDay: number;
  startDate: string;
  endDate: string;
  person: {
    religion: string | null;
    worshipDefaults: boolean;
    inSchool: boolean;
    unavailable: WeeklyWindow[];
    home: LatLng | null;
    /** Local dates on which the person already has a booking: the planner adds nothing to those days. */
    bookedDates: string[];
  };
}

export interface PlanSite {
  id: string;
  location: LatLng;
  minorsAllowed: boolean;
  /** null: the site has no agreement */
  agreement: { validFrom: string; validTo: string } | null;
  /** Holidays and collective leave in the site's region that an administrator has not opened for the site. */
  closedDates: string[];
}

export interface PlanShift {
  id: string;
  siteId: string;
  date: string;
  start: string;
  end: string;
  startsAt: Date;
  plannedMinutes: number;
  /** Seats not yet booked. */
  freeSeats: number;
  /** A coordinator is on duty: named on the shift, or the site has one. */
  coordinated: boolean;
}

export interface PlanningProblem {
  now: Date;
  orders: PlanOrder[];
  sites: PlanSite[];
  shifts: PlanShift[];
  /** POLICY: how far from home a site may be. */
  maxTravelMeters: number;
  /** POLICY: a second shift on one day at the same site, or one shift a day; `same_site` when absent. */
  sameDay?: SameDayPolicy;
}

export interface PlannedBooking {
  orderId: string;
  shiftId: string;
  siteId: string;
  date: string;
  plannedMinutes: number;
  travelMeters: number;
}

/** Why an order can't be completed by the plan. */
export type Shortfall =
  /** No home location: no site can be said to be within reach. */
  | { kind: 'no_home' }
  /** Even alone, the order can't reach its need before its end date: the bound proves it. */
  | { kind: 'bound'; reachableMinutes: number }
  /** Alone it could finish; it competes with other orders for the seats of these sites. */
  | { kind: 'shared_capacity'; reachableMinutes: number; siteIds: string[] };

export interface OrderOutcome {
  orderId: string;
  needMinutes: number;
  /** Planned minutes that count towards the need (a last booking may be longer than what is owed). */
  plannedMinutes: number;
  bookings: number;
  lastDate: string | null;
  /** The bound: each day the most minutes its shifts within reach allow under the same-day POLICY, summed up to the end date. */
  reachableMinutes: number;
  /** The last planned date leaves at least 10% of the order's period to spare. */
  withSpare: boolean;
  shortfall: Shortfall | null;
}

export interface PlanResult {
  bookings: PlannedBooking[];
  outcomes: OrderOutcome[];
  /** Minutes counted towards the orders' needs. */
  plannedMinutes: number;
  /** No plan can count more: Σ min(need, reachable minutes) over the orders. */
  upperBoundMinutes: number;
  travelMeters: number;
}
