import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
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

/** Each morning, every supervisor gets their orders at risk of not finishing. */
@Injectable()
export class DeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  @OnJob(JOBS.riskScan)
  async scanAndNotify({ timezone }: Record<string, string>): Promise<number> {
    const today = localDate(this.clock.now(), timezone);
    const atRisk = await this.scan(timezone, today);
    return this.dataSource.transaction(async (manager) => {
      let stored = 0;
      for (const supervisorId of new Set(atRisk.map((item) => item.order.supervisorId))) {
        const mine = atRisk.filter((item) => item.order.supervisorId === supervisorId);
        const fresh = await this.notifications.notify(manager, {
          recipient: { type: 'user', id: supervisorId },
          reason: 'order_at_risk',
          subjectKey: today,
          params: (locale) => ({ date: longDate(today, locale), list: mine.map((item) => riskLine(item, locale)).join('\n') }),
        });
        if (fresh) stored++;
      }
      return stored;
    });
  }

  /** The active orders of the Bapas in this time zone that can no longer finish, or have nothing booked soon. */
  async scan(timezone: string, today: string): Promise<OrderAtRisk[]> {
    const orders: (Order & { region: string })[] = await this.dataSource
      .getRepository(Order)
      .createQueryBuilder('o')
      .innerJoin('agency', 'b', 'b.id = o.bapas_id')
      .addSelect('b.region', 'region')
      .where(`o.status = 'active' AND b.timezone = :timezone`, { timezone })
      .getRawAndEntities()
      .then(({ entities, raw }) => entities.map((order, i) => Object.assign(order, { region: raw[i].region as string })));
    const horizon = DateTime.fromISO(today).plus({ days: BOOKING_HORIZON_DAYS }).toISODate()!;
    const results: OrderAtRisk[] = [];
    for (const order of orders) {
      const person = await this.dataSource.getRepository(Person).findOneByOrFail({ id: order.personId });
      const [booked] = await this.dataSource.query(
        `SELECT coalesce(sum(planned_minutes), 0)::int AS ahead,
                bool_or(local_date <= $3) AS soon
           FROM assignment WHERE order_id = $1 AND status = 'scheduled' AND local_date >= $2`,
        [order.id, today, horizon],
      );
      const holidays = new Set(
        (await this.dataSource.query(`SELECT date FROM holiday WHERE date > $1 AND date <= $2 AND region IN ('', $3)`, [today, order.endDate, order.region]))
          .map((row: { date: string }) => row.date),
      );
      const workableByDay = daysAfter(today, order.endDate).map((date) =>
        workableMinutes(date, holidays.has(date), { ...person, regime: order.regime }, order.maxHoursPerDay * 60),
      );
      const risks = orderRisks({
        remainingMinutes: order.requiredMinutes - order.creditedMinutes,
        workableByDay,
        bookedAheadMinutes: booked.ahead,
        bookedWithinHorizon: booked.soon === true,
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
