/**
 * The objective's weights, per booking. Booked minutes come first by far; then a second shift on a day only
 * when it books minutes that would otherwise be lost (it costs 5% of what its minutes are worth: for a 4-hour shift
 * as much as 120 km of travel); then travel, then crews not filled past half while another crew has room, then the
 * earlier date, with a step for dates in the last 10% of the order's period.
 */
export const WEIGHTS = {
  valuePerMinute: 100_000,
  secondShiftPerMinute: 5_000,
  travelPerMeter: 10,
  crowdedSeat: 50,
  perDayLater: 1,
  withoutSpare: 100,
};

/** The objective's cost of one booking on a day (days since 1970-01-01), apart from the minutes it books. */
export function bookingCost(startDay: number, endDay: number, day: number, travelMeters: number): number {
  const offset = day - startDay;
  const spareFrom = Math.floor(0.9 * (endDay - startDay));
  return (
    travelMeters * WEIGHTS.travelPerMeter +
    offset * WEIGHTS.perDayLater +
    (offset > spareFrom ? WEIGHTS.withoutSpare : 0)
  );
}

const epochDays = new Map<string, number>();

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function epochDay(date: string): number {
  let day = epochDays.get(date);
  if (day === undefined) epochDays.set(date, (day = Date.parse(`${date}T00:00:00Z`) / 86_400_000));
  return day;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day since 1970-01-01, a Thursday. */
export function weekdayOf(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}
