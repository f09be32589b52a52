import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { LedgerCorrectionsService } from './ledger-corrections.service.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';

@Module({
  imports: [LedgerModule],
  controllers: [OrdersController],
  providers: [OrdersService, LedgerCorrectionsService],
  exports: [OrdersService],
})
export class OrdersModule {}
