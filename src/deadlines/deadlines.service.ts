import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock } from '../common/clock.js';
import { Transactions } from '../database/transactions.js';
import { BreachesService } from '../enforcement/breaches.service.js';
import { localDate, longDate } from '../common/local-time.js';
import { Locale, localize } from '../common/messages.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { lastEndDate, RiskScanRepository, type ScannedOrder, type ScannedPerson } from './risk-scan.repository.js';
import { BOOKING_HORIZON_DAYS, orderRisks, workableMinutesOnWeekday } from './risk.rules.js';

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
    const { orders, persons, regions, holidays, booked } = inputs;

    // The days ahead and each region's closed days once a scan, not once an order: hundreds of orders a Bapas.
    const days = daysAfter(today, lastEndDate(orders, today));
    const closedIn = new Map<string | undefined, Set<string>>();
    const closedDays = (region: string | undefined) =>
      closedIn.get(region) ??
      closedIn
        .set(region, new Set(holidays.filter((h) => h.region === '' || h.region === region).map((h) => h.date)))
        .get(region)!;
    const results: OrderAtRisk[] = [];
    for (const order of orders) {
      const person = persons.get(order.personId)!;
      const closed = closedDays(regions.get(order.bapasId));
      const windows = { ...person, regime: order.regime };
      const onWeekday = ISO_WEEKDAYS.map((weekday) =>
        workableMinutesOnWeekday(weekday, windows, order.maxHoursPerDay * 60),
      );
      const workableByDay = days
        .slice(0, daysUntil(days, order.endDate))
        .map(({ date, weekday }) => (closed.has(date) ? 0 : onWeekday[weekday - 1]));
      const ahead = booked.get(order.id);
      const risks = orderRisks({
        remainingMinutes: order.requiredMinutes - order.creditedMinutes,
        workableByDay,
        bookedAheadMinutes: ahead?.ahead ?? 0,
        bookedWithinHorizon: ahead?.soon === true,
        endDate: order.endDate,
      });
      if (risks.length > 0) results.push({ order, person, risks });
    }
    return results;
  }
}

const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function daysAfter(today: string, endDate: string): { date: string; weekday: number }[] {
  const days: { date: string; weekday: number }[] = [];
  for (let day = DateTime.fromISO(today).plus({ days: 1 }); day.toISODate()! <= endDate; day = day.plus({ days: 1 })) {
    days.push({ date: day.toISODate()!, weekday: day.weekday });
  }
  return days;
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
