import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { localDate, longDate, zoneAbbreviation } from '../common/local-time.js';
import { Transactions } from '../database/transactions.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { SitesService } from '../sites/sites.service.js';
import { RosterRepository, type RosterLine } from './roster.repository.js';

/** At 17:00 local, each coordinator gets the next day's roster of each of their sites. */
@Injectable()
export class RostersService {
  constructor(
    private readonly rosters: RosterRepository,
    private readonly transactions: Transactions,
    private readonly sites: SitesService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  @OnJob(JOBS.roster)
  sendTomorrow({ timezone }: Record<string, string>): Promise<number> {
    return this.send(timezone, localDate(this.clock.now(), timezone, 1));
  }

  /** Answers how many roster messages were newly stored. */
  send(timezone: string, date: string): Promise<number> {
    return this.transactions.run(async (tx) => {
      const lines = await this.rosters.shiftsOn(timezone, date, tx);
      let stored = 0;
      for (const siteId of new Set(lines.map((line) => line.site_id))) {
        const shifts = lines.filter((line) => line.site_id === siteId);
        for (const coordinatorId of await this.sites.coordinatorsOf(tx, siteId)) {
          const fresh = await this.notifications.notify(tx, {
            recipient: { type: 'user', id: coordinatorId },
            reason: 'roster',
            subjectKey: `${siteId}-${date}`,
            params: (locale) => ({
              site: shifts[0].site_name,
              date: longDate(date, locale),
              list: shifts.map((shift) => rosterLine(shift, timezone, locale)).join('\n'),
            }),
          });
          if (fresh) stored++;
        }
      }
      return stored;
    });
  }
}

function rosterLine(shift: RosterLine, timezone: string, locale: 'id' | 'en'): string {
  const nobody = locale === 'id' ? '(belum ada yang dijadwalkan)' : '(nobody booked yet)';
  const time = `${shift.start_time.slice(0, 5)}-${shift.end_time.slice(0, 5)} ${zoneAbbreviation(timezone, shift.starts_at)}`;
  return `${time} (${shift.names.length}/${shift.capacity}): ${shift.names.join(', ') || nobody}`;
}
