import { Injectable } from '@nestjs/common';
import { JOBS } from '../jobs/jobs.js';
import { RecurringJob, RecurringJobs, zoneSchedulerId } from '../jobs/recurring-jobs.js';
import { SitesService } from '../sites/sites.service.js';

/** POLICY: the risk scan runs at 07:00 local. */
const RISK_SCAN_AT = '0 7 * * *';

@Injectable()
export class RiskScanSchedule {
  constructor(private readonly sites: SitesService) {}

  @RecurringJobs()
  async inEachZone(): Promise<RecurringJob[]> {
    return (await this.sites.workingZones()).map((timezone) => ({
      id: zoneSchedulerId('deadline-risk_scan', timezone),
      repeat: { pattern: RISK_SCAN_AT, tz: timezone },
      name: JOBS.riskScan,
      data: { timezone },
    }));
  }
}
