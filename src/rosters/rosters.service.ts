import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { localDate, longDate, zoneAbbreviation } from '../common/local-time.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';

interface RosterLine {
  site_id: string;
  site_name: string;
  starts_at: Date;
  start_time: string;
  end_time: string;
  capacity: number;
  names: string[];
}

/** At 17:00 local, each coordinator gets the next day's roster of each of their sites. */
@Injectable()
export class RostersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  @OnJob(JOBS.roster)
  sendTomorrow({ timezone }: Record<string, string>): Promise<number> {
    return this.send(timezone, localDate(this.clock.now(), timezone, 1));
  }

  /** Answers how many roster messages were newly stored. */
  send(timezone: string, date: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const lines: RosterLine[] = await manager.query(
        `SELECT s.id AS site_id, s.name AS site_name, sh.starts_at, sh.start_time, sh.end_time, sh.capacity,
                coalesce(array_agg(p.full_name ORDER BY p.full_name) FILTER (WHERE p.id IS NOT NULL), '{}') AS names
           FROM shift sh
           JOIN site s ON s.id = sh.site_id
           LEFT JOIN assignment a ON a.shift_id = sh.id AND a.status <> 'cancelled'
           LEFT JOIN person p ON p.id = a.person_id
          WHERE s.timezone = $1 AND sh.date = $2
          GROUP BY s.id, s.name, sh.id ORDER BY s.name, sh.starts_at`,
        [timezone, date],
      );
      let stored = 0;
      for (const siteId of new Set(lines.map((line) => line.site_id))) {
        const shifts = lines.filter((line) => line.site_id === siteId);
        const coordinators: { user_id: string }[] = await manager.query(
          `SELECT user_id FROM site_coordinator WHERE site_id = $1`,
          [siteId],
        );
        for (const { user_id } of coordinators) {
          const fresh = await this.notifications.notify(manager, {
            recipient: { type: 'user', id: user_id },
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
