import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { LedgerCorrectionsController } from './ledger-corrections.controller.js';
import { LedgerCorrectionsService } from './ledger-corrections.service.js';

/**
 * Corrections of the ledger: one use case across three owners, the ledger (the reversal entry), the
 * assignment (its credit) and the order (active again). It owns no table; it sits above orders and assignments,
 * so neither of those two needs the other's back.
 */
@Module({
  imports: [OrdersModule, AssignmentsModule, LedgerModule],
  controllers: [LedgerCorrectionsController],
  providers: [LedgerCorrectionsService],
  exports: [LedgerCorrectionsService],
})
export class CorrectionsModule {}
