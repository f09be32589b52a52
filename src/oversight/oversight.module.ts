import { Module } from '@nestjs/common';
import { NightlyScan } from './nightly-scan.js';
import { OversightController } from './oversight.controller.js';
import { MisuseSignalRepository } from './misuse-signal.repository.js';
import { OversightReadRepository } from './oversight-read.repository.js';
import { OversightService } from './oversight.service.js';
import { SignalScan } from './signal-scan.service.js';

/** The Kanwil's oversight: the regional summary and the misuse signals; owns `misuse_signal` only. */
@Module({
  controllers: [OversightController],
  providers: [OversightService, OversightReadRepository, MisuseSignalRepository, SignalScan],
  exports: [SignalScan],
})
export class OversightModule {}

/** The nightly scan, in the worker role only (app.module imports it beside the WorkerModule and its scheduler). */
@Module({ imports: [OversightModule], providers: [NightlyScan] })
export class OversightWorkerModule {}
