import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { AuditCheckpoints } from './audit-checkpoints.service.js';
import { AuditEventRepository } from './audit-event.repository.js';
import { AuditTrailController } from './audit-trail.controller.js';
import { CheckpointSchedule } from './checkpoint.schedule.js';
import { TrailVerification } from './trail-verification.js';

@Module({
  imports: [LedgerModule],
  controllers: [AuditTrailController],
  providers: [AuditEventRepository, AuditCheckpoints, CheckpointSchedule, TrailVerification],
  exports: [AuditCheckpoints],
})
export class AuditTrailModule {}
