import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { SignalScan } from './signal-scan.service.js';

/**
 * The nightly misuse scan, in the worker role only (registered by OversightWorkerModule, which app.module imports
 * beside the WorkerModule). Every worker replica's cron fires; the scan's advisory lock lets one of them do it.
 */
@Injectable()
export class NightlyScan {
  private readonly logger = new Logger(NightlyScan.name);

  constructor(private readonly scan: SignalScan) {}

  /** 02:00 WIT (17:00 UTC): after the day's sign-offs in every Indonesian zone. */
  @Cron('0 17 * * *', { name: 'oversight-nightly-scan', timeZone: 'UTC' })
  async scheduled(): Promise<void> {
    await this.scan
      .run(null, { wait: false })
      .catch((error: Error) => this.logger.warn(`Misuse scan failed, tomorrow night retries: ${error.message}`));
  }
}
