import { groupBy } from '../../src/common/collections.js';
import type { PlanShift } from '../../src/planning/planning.types.js';
import { isoWeekday, shiftTimes } from '../../src/shifts/shift.rules.js';
import type { Horizon } from './horizon.js';
import type { Random } from './random.js';
import type { GeneratedSite, WeeklySlot } from './sites.js';

const UNCOORDINATED_SHARE = 0.01;

/**
 * Weekly slots, taken in a random order and rolled out over every week of the horizon, until the seats of the
 * usable shifts (open date, valid agreement, a coordinator) reach the capacity asked for; the last slot stops
 * mid-horizon. Shifts on closed dates and after an agreement ends are rolled out too: the planner must skip them.
 */
export function rollOutShifts(
  random: Random,
  sites: GeneratedSite[],
  horizon: Horizon,
  capacityMinutes: number,
): PlanShift[] {
  const datesByWeekday = groupBy(horizon.dates, isoWeekday);
  const pool = random.shuffle(sites.flatMap((site) => site.weeklySlots.map((slot) => ({ site, slot }))));
  const shifts: PlanShift[] = [];
  let capacity = 0;
  for (const { site, slot } of pool) {
    for (const date of datesByWeekday.get(slot.weekday) ?? []) {
      if (capacity >= capacityMinutes) return shifts;
      const shift = shiftOn(random, site, slot, date);
      shifts.push(shift);
      if (usable(site, shift)) capacity += shift.freeSeats * shift.plannedMinutes;
    }
  }
  return shifts;
}

function shiftOn(random: Random, { site, timezone }: GeneratedSite, slot: WeeklySlot, date: string): PlanShift {
  const { start, end, breakMinutes } = slot.template;
  const { startsAt, plannedMinutes } = shiftTimes({ date, start, end, breakMinutes, timezone });
  return {
    id: `${site.id}/${date}/${start}-${end}`,
    siteId: site.id,
    date,
    start,
    end,
    startsAt,
    plannedMinutes,
    freeSeats: slot.seats,
    coordinated: !random.chance(UNCOORDINATED_SHARE),
  };
}

function usable({ site }: GeneratedSite, shift: PlanShift): boolean {
  const agreementValid =
    site.agreement !== null && shift.date >= site.agreement.validFrom && shift.date <= site.agreement.validTo;
  return agreementValid && shift.coordinated && !site.closedDates.includes(shift.date);
}

/** Seats × planned minutes of the shifts that can be booked at all. */
export function usableCapacityMinutes(sites: GeneratedSite[], shifts: PlanShift[]): number {
  const byId = new Map(sites.map((site) => [site.site.id, site]));
  return shifts
    .filter((shift) => usable(byId.get(shift.siteId) as GeneratedSite, shift))
    .reduce((sum, shift) => sum + shift.freeSeats * shift.plannedMinutes, 0);
}
