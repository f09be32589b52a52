import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOBS } from '../jobs/jobs.js';
import { RecurringJob, RecurringJobs, zoneSchedulerId } from '../jobs/recurring-jobs.js';
import { workingZones } from '../sites/working-zones.js';

/** POLICY: the next day's roster goes out at 17:00 local. */
const ROSTER_AT = '0 17 * * *';

@Injectable()
export class RostersSchedule {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @RecurringJobs()
  async inEachZone(): Promise<RecurringJob[]> {
    return (await workingZones(this.dataSource)).map((timezone) => ({
      id: zoneSchedulerId('roster-send', timezone),
      repeat: { pattern: ROSTER_AT, tz: timezone },
      name: JOBS.roster,
      data: { timezone },
    }));
  }
}
