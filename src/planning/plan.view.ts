import { defineMessages, localize, type Locale } from '../common/messages.js';
import type { Message } from '../common/rule-violation.js';
import type { Plan } from './plan.entity.js';
import type { OrderOutcome, PlannedBooking, Shortfall } from './planning.types.js';

defineMessages({
  'plan.shortfall.no_home': {
    id: 'Lokasi rumah terpidana belum dicatat, sehingga tidak ada lokasi kerja yang dapat dinyatakan terjangkau.',
    en: "The person's home location is not recorded, so no work site can be said to be within reach.",
  },
  'plan.shortfall.bound': {
    id: 'Tidak dapat selesai: masih {needMinutes} menit, paling banyak {reachableMinutes} menit dapat dijadwalkan sampai {endDate} (satu perjalanan sehari, lokasi dalam {maxTravelKm} km, sesuai jadwal, hari libur dan waktu berhalangan).',
    en: 'Cannot finish: {needMinutes} minutes still owed, at most {reachableMinutes} minutes can be booked until {endDate} (one trip a day, sites within {maxTravelKm} km, given the shifts, holidays and unavailable times).',
  },
  'plan.shortfall.shared_capacity': {
    id: 'Sendiri dapat selesai ({reachableMinutes} menit terjangkau), tetapi kursi sesi di {sites} sudah terisi oleh putusan lain.',
    en: 'Alone it could finish ({reachableMinutes} minutes within reach), but the seats of the shifts at {sites} are taken by other orders.',
  },
});

export interface PlanBookingView extends PlannedBooking {
  siteName: string;
  start: string;
  end: string;
}

/** An order's outcome as the plan keeps it: with the case, the person and the explanation in both languages. */
export interface PlanOrderOutcome extends OrderOutcome {
  caseNumber: string;
  personName: string;
  endDate: string;
  explanation: Message | null;
}

export interface PlanView extends Omit<Plan, 'outcomes' | 'bapasId' | 'createdBy' | 'appliedBy'> {
  orders: (Omit<PlanOrderOutcome, 'explanation'> & { explanation: string | null })[];
  /** a year of the plan without its official holiday calendar, said in words. */
  warnings: { code: string; message: string }[];
}

export function toPlanView(plan: Plan, locale: Locale): PlanView {
  const { outcomes, bapasId: _bapas, createdBy: _creator, appliedBy: _applier, ...rest } = plan;
  return {
    ...rest,
    orders: outcomes.map((outcome) => ({ ...outcome, explanation: outcome.explanation?.[locale] ?? null })),
    warnings: (plan.summary.yearsWithoutOfficialCalendar ?? []).map((year) => ({
      code: 'calendar.not_official',
      message: localize('calendar.not_official', locale, { year }),
    })),
  };
}

export function describeOutcome(
  outcome: OrderOutcome,
  order: { caseNumber: string; personName: string; endDate: string },
  siteNames: Map<string, string>,
  maxTravelMeters: number,
): PlanOrderOutcome {
  const explanation = outcome.shortfall
    ? Object.fromEntries(
        (['id', 'en'] as const).map((locale) => [
          locale,
          explain(outcome, outcome.shortfall!, order.endDate, siteNames, maxTravelMeters, locale),
        ]),
      )
    : null;
  return {
    ...outcome,
    caseNumber: order.caseNumber,
    personName: order.personName,
    endDate: order.endDate,
    explanation: explanation as Message | null,
  };
}

function explain(
  outcome: OrderOutcome,
  shortfall: Shortfall,
  endDate: string,
  siteNames: Map<string, string>,
  maxTravelMeters: number,
  locale: Locale,
): string {
  switch (shortfall.kind) {
    case 'no_home':
      return localize('plan.shortfall.no_home', locale);
    case 'bound':
      return localize('plan.shortfall.bound', locale, {
        needMinutes: outcome.needMinutes,
        reachableMinutes: shortfall.reachableMinutes,
        endDate,
        maxTravelKm: maxTravelMeters / 1000,
      });
    case 'shared_capacity':
      return localize('plan.shortfall.shared_capacity', locale, {
        reachableMinutes: shortfall.reachableMinutes,
        sites: shortfall.siteIds.map((id) => siteNames.get(id) ?? id).join(', '),
      });
  }
}
