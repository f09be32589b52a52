import type { PlanSite } from '../../src/planning/planning.types.js';
import { scatter, type City, type TimeZone } from './geography.js';
import type { Horizon } from './horizon.js';
import type { Random } from './random.js';

export interface ShiftTemplate {
  start: string;
  end: string;
  breakMinutes: number;
}

const MORNING: ShiftTemplate = { start: '08:00', end: '12:00', breakMinutes: 0 };
const AFTERNOON: ShiftTemplate = { start: '13:00', end: '17:00', breakMinutes: 0 };
/** a child in school can come after 14:00 and be home by 18:00. */
const AFTER_SCHOOL: ShiftTemplate = { start: '14:00', end: '18:00', breakMinutes: 0 };
/** For people with a day job. */
const EVENING: ShiftTemplate = { start: '18:00', end: '22:00', breakMinutes: 0 };
const FULL_DAY: ShiftTemplate = { start: '08:00', end: '17:00', breakMinutes: 60 };

/** A shift a site can run every week on that weekday, with its crew. */
export interface WeeklySlot {
  weekday: number;
  template: ShiftTemplate;
  seats: number;
}

export interface GeneratedSite {
  site: PlanSite;
  timezone: TimeZone;
  weeklySlots: WeeklySlot[];
}

const SITE_RADIUS_METERS = 8_000;
const MINORS_ALLOWED_SHARE = 0.3;
const EARLY_AGREEMENT_END_SHARE = 0.1;
const WORKDAYS = [1, 2, 3, 4, 5];

/** Sites spread over the cities in turn; each with the weekly slots it could run (the load decides which it does). */
export function generateSites(
  random: Random,
  count: number,
  cities: City[],
  horizon: Horizon,
  family: 'mixed' | 'two_shifts',
): GeneratedSite[] {
  return Array.from({ length: count }, (_, n) => {
    const city = cities[n % cities.length];
    const minorsAllowed = random.chance(MINORS_ALLOWED_SHARE);
    const validTo = random.chance(EARLY_AGREEMENT_END_SHARE) ? horizon.dates[random.int(60, 150)] : '2026-12-31';
    return {
      site: {
        id: `s${n}`,
        location: scatter(random, city.centre, SITE_RADIUS_METERS),
        minorsAllowed,
        agreement: { validFrom: '2026-01-01', validTo },
        closedDates: horizon.closedDates,
      },
      timezone: city.timezone,
      weeklySlots: family === 'mixed' ? weeklySlots(random, minorsAllowed) : twoShiftSlots(random, minorsAllowed),
    };
  });
}

/** Every day of the week a morning and an afternoon shift, each with 1 or 2 seats. */
function twoShiftSlots(random: Random, minorsAllowed: boolean): WeeklySlot[] {
  const afternoon = minorsAllowed ? AFTER_SCHOOL : AFTERNOON;
  return [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
    [MORNING, afternoon].map((template) => ({ weekday, template, seats: random.int(1, 2) })),
  );
}

function weeklySlots(random: Random, minorsAllowed: boolean): WeeklySlot[] {
  const afternoon = minorsAllowed ? AFTER_SCHOOL : AFTERNOON;
  const slots: [number, ShiftTemplate][] = WORKDAYS.flatMap((weekday) => [
    [weekday, MORNING],
    [weekday, afternoon],
    [weekday, FULL_DAY],
  ]);
  if (random.chance(0.4)) slots.push(...WORKDAYS.map((weekday): [number, ShiftTemplate] => [weekday, EVENING]));
  if (random.chance(0.5)) slots.push([6, MORNING]);
  if (random.chance(0.15)) slots.push([7, afternoon]);
  return slots.map(([weekday, template]) => ({ weekday, template, seats: random.int(4, 15) }));
}
