import { forwardRef, Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { LedgerCorrectionsService } from './ledger-corrections.service.js';
import { OrderRepository } from './order.repository.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';

@Module({
  imports: [forwardRef(() => AssignmentsModule), LedgerModule],
  controllers: [OrdersController],
  providers: [OrderRepository, OrdersService, LedgerCorrectionsService],
  exports: [OrdersService],
})
export class OrdersModule {}
