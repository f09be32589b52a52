import { Injectable } from '@nestjs/common';
import { JOBS } from '../jobs/jobs.js';
import { RecurringJob, RecurringJobs, zoneSchedulerId } from '../jobs/recurring-jobs.js';
import { SitesService } from '../sites/sites.service.js';

/** POLICY: the next day's roster goes out at 17:00 local. */
const ROSTER_AT = '0 17 * * *';

@Injectable()
export class RostersSchedule {
  constructor(private readonly sites: SitesService) {}

  @RecurringJobs()
  async inEachZone(): Promise<RecurringJob[]> {
    return (await this.sites.workingZones()).map((timezone) => ({
      id: zoneSchedulerId('roster-send', timezone),
      repeat: { pattern: ROSTER_AT, tz: timezone },
      name: JOBS.roster,
      data: { timezone },
    }));
  }
}
