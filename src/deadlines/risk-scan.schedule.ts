import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOBS } from '../jobs/jobs.js';
import { RecurringJob, RecurringJobs, zoneSchedulerId } from '../jobs/recurring-jobs.js';
import { workingZones } from '../sites/working-zones.js';

/** POLICY: the risk scan runs at 07:00 local. */
const RISK_SCAN_AT = '0 7 * * *';

@Injectable()
export class RiskScanSchedule {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @RecurringJobs()
  async inEachZone(): Promise<RecurringJob[]> {
    return (await workingZones(this.dataSource)).map((timezone) => ({
      id: zoneSchedulerId('deadline-risk_scan', timezone),
      repeat: { pattern: RISK_SCAN_AT, tz: timezone },
      name: JOBS.riskScan,
      data: { timezone },
    }));
  }
}
