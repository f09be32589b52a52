import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock } from '../common/clock.js';
import { remembered } from '../common/collections.js';
import { Transactions } from '../database/transactions.js';
import { BreachesService } from '../enforcement/breaches.service.js';
import { localDate, longDate } from '../common/local-time.js';
import { Locale, localize } from '../common/messages.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { RiskScanRepository, type ScannedOrder, type ScannedPerson } from './risk-scan.repository.js';
import {
  BOOKING_HORIZON_DAYS,
  ISO_WEEKDAYS,
  openWeekdaysBefore,
  orderRisks,
  workableMinutesOnWeekday,
} from './risk.rules.js';

export interface OrderAtRisk {
  order: ScannedOrder;
  person: ScannedPerson;
  risks: { code: string; params: Record<string, string | number> }[];
}

/**
 * Each morning, every supervisor gets their orders at risk of not finishing; an order proven unable
 * to finish before its end date goes to its prosecutor as a breach report.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly risks: RiskScanRepository,
    private readonly transactions: Transactions,
    private readonly notifications: NotificationsService,
    private readonly breaches: BreachesService,
    private readonly clock: Clock,
  ) {}

  @OnJob(JOBS.riskScan)
  async scanAndNotify({ timezone }: Record<string, string>): Promise<number> {
    const today = localDate(this.clock.now(), timezone);
    const atRisk = await this.scan(timezone, today);
    for (const { order, risks } of atRisk) {
      const proof = risks.find((risk) => risk.code === 'risk.cannot_finish');
      if (proof) await this.breaches.openCannotFinish(order.id, proof.params);
    }
    return this.transactions.run(async (tx) => {
      let stored = 0;
      for (const supervisorId of new Set(atRisk.map((item) => item.order.supervisorId))) {
        const mine = atRisk.filter((item) => item.order.supervisorId === supervisorId);
        const fresh = await this.notifications.notify(tx, {
          recipient: { type: 'user', id: supervisorId },
          reason: 'order_at_risk',
          subjectKey: today,
          params: (locale) => ({
            date: longDate(today, locale),
            list: mine.map((item) => riskLine(item, locale)).join('\n'),
          }),
        });
        if (fresh) stored++;
      }
      return stored;
    });
  }

  /**
   * The active orders of the Bapas in this time zone (or of one Bapas: a supervisor's worklist) that can no
   * longer finish, or have nothing booked soon.
   */
  async scan(timezone: string, today: string, bapasId?: string): Promise<OrderAtRisk[]> {
    const horizon = DateTime.fromISO(today).plus({ days: BOOKING_HORIZON_DAYS }).toISODate()!;
    const inputs = await this.risks.inputs(timezone, today, horizon, bapasId);
    if (!inputs) return [];
    const { orders, holidays } = inputs;

    // The days ahead, each region's open days counted by weekday and each distinct set of a person's windows'
    // minutes by weekday once a scan, so an order's workable minutes are a sum over 7 weekdays, not over its days.
    const days = daysAfter(today, lastEndDate(orders, today));
    const openIn = new Map<string, number[][]>();
    const minutesOn = new Map<string, number[]>();
    const results: OrderAtRisk[] = [];
    for (const { order, person, region, bookedAheadMinutes, bookedSoon } of orders) {
      const cap = order.maxHoursPerDay * 60;
      const { inSchool, religion, worshipDefaults, unavailable } = person;
      const onWeekday = remembered(
        minutesOn,
        JSON.stringify([order.regime, inSchool, religion, worshipDefaults, cap, unavailable]),
        () => {
          const windows = { ...person, regime: order.regime };
          return ISO_WEEKDAYS.map((weekday) => workableMinutesOnWeekday(weekday, windows, cap));
        },
      );
      const open = remembered(openIn, region, () =>
        openWeekdaysBefore(days, new Set(holidays.filter((h) => [region, ''].includes(h.region)).map((h) => h.date))),
      );
      const until = daysUntil(days, order.endDate);
      const risks = orderRisks({
        remainingMinutes: order.requiredMinutes - order.creditedMinutes,
        workableMinutes: onWeekday.reduce((sum, minutes, w) => sum + minutes * open[w][until], 0),
        bookedAheadMinutes,
        bookedWithinHorizon: bookedSoon,
        endDate: order.endDate,
      });
      if (risks.length > 0) results.push({ order, person, risks });
    }
    return results;
  }
}

const DAY_MS = 86_400_000;

/** The dates after today up to the end date with their ISO weekdays, counted in UTC days (no zone: dates only). */
function daysAfter(today: string, endDate: string): { date: string; weekday: number }[] {
  const days: { date: string; weekday: number }[] = [];
  for (let day = new Date(`${today}T00:00:00Z`); ;) {
    day = new Date(day.getTime() + DAY_MS);
    const date = day.toISOString().slice(0, 10);
    if (date > endDate) return days;
    days.push({ date, weekday: day.getUTCDay() || 7 });
  }
}

/** The last end date of the orders (today when none ends later). */
function lastEndDate(orders: { order: { endDate: string } }[], today: string): string {
  return orders.reduce((last, { order }) => (order.endDate > last ? order.endDate : last), today);
}

/** How many of the days (in date order) fall on or before the date: a binary search, once an order. */
function daysUntil(days: { date: string }[], date: string): number {
  let [low, high] = [0, days.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (days[middle].date <= date) low = middle + 1;
    else high = middle;
  }
  return low;
}

function riskLine({ order, person, risks }: OrderAtRisk, locale: Locale): string {
  return `- ${person.fullName} (${order.caseNumber}): ${risks.map((risk) => localize(risk.code, locale, risk.params)).join('; ')}`;
}
