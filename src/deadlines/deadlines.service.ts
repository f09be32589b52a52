import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { Clock } from '../common/clock.js';
import { BreachesService } from '../enforcement/breaches.service.js';
import { localDate, longDate } from '../common/local-time.js';
import { Locale, localize } from '../common/messages.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Order } from '../orders/order.entity.js';
import { Person } from '../persons/person.entity.js';
import { BOOKING_HORIZON_DAYS, orderRisks, workableMinutes } from './risk.rules.js';

export interface OrderAtRisk {
  order: Order;
  person: Person;
  risks: { code: string; params: Record<string, string | number> }[];
}

/**
 * Each morning, every supervisor gets their orders at risk of not finishing; an order proven unable
 * to finish before its end date goes to its prosecutor as a breach report.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    return this.dataSource.transaction(async (manager) => {
      let stored = 0;
      for (const supervisorId of new Set(atRisk.map((item) => item.order.supervisorId))) {
        const mine = atRisk.filter((item) => item.order.supervisorId === supervisorId);
        const fresh = await this.notifications.notify(manager, {
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
    const query = this.dataSource
      .getRepository(Order)
      .createQueryBuilder('o')
      .innerJoin('agency', 'b', 'b.id = o.bapas_id')
      .where(`o.status = 'active' AND b.timezone = :timezone`, { timezone });
    if (bapasId) query.andWhere('o.bapas_id = :bapasId', { bapasId });
    const orders = await query.getMany();
    if (orders.length === 0) return [];
    const persons = new Map(
      (await this.dataSource.getRepository(Person).findBy({ id: In(orders.map((o) => o.personId)) })).map((p) => [
        p.id,
        p,
      ]),
    );
    const regions = new Map(
      (await this.dataSource.getRepository(Agency).findBy({ id: In([...new Set(orders.map((o) => o.bapasId))]) })).map(
        (b) => [b.id, b.region],
      ),
    );
    const holidays: { date: string; region: string }[] = await this.dataSource.query(
      `SELECT date, region FROM holiday WHERE date > $1 AND date <= $2`,
      [today, orders.reduce((last, o) => (o.endDate > last ? o.endDate : last), today)],
    );
    const horizon = DateTime.fromISO(today).plus({ days: BOOKING_HORIZON_DAYS }).toISODate()!;
    const booked = new Map<string, { ahead: number; soon: boolean }>(
      (
        await this.dataSource.query(
          `SELECT order_id, sum(planned_minutes)::int AS ahead, bool_or(local_date <= $3) AS soon
             FROM assignment WHERE order_id = ANY($1::uuid[]) AND status = 'scheduled' AND local_date >= $2
            GROUP BY order_id`,
          [orders.map((o) => o.id), today, horizon],
        )
      ).map((row: { order_id: string; ahead: number; soon: boolean }) => [row.order_id, row]),
    );

    // The days ahead and each region's closed days once a scan, not once an order: hundreds of orders a Bapas.
    const days = daysAfter(
      today,
      orders.reduce((last, o) => (o.endDate > last ? o.endDate : last), today),
    );
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
      const workableByDay = days
        .filter((date) => date <= order.endDate)
        .map((date) =>
          workableMinutes(date, closed.has(date), { ...person, regime: order.regime }, order.maxHoursPerDay * 60),
        );
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

function daysAfter(today: string, endDate: string): string[] {
  const days: string[] = [];
  for (let day = DateTime.fromISO(today).plus({ days: 1 }); day.toISODate()! <= endDate; day = day.plus({ days: 1 })) {
    days.push(day.toISODate()!);
  }
  return days;
}

function riskLine({ order, person, risks }: OrderAtRisk, locale: Locale): string {
  return `- ${person.fullName} (${order.caseNumber}): ${risks.map((risk) => localize(risk.code, locale, risk.params)).join('; ')}`;
}
