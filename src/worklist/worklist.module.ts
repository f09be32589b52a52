import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { OrdersAtRisk } from './orders-at-risk.js';
import { WorklistController } from './worklist.controller.js';
import { WorklistRepository } from './worklist.repository.js';
import { WorklistService } from './worklist.service.js';

@Module({
  imports: [DeadlinesModule],
  controllers: [WorklistController],
  providers: [WorklistRepository, WorklistService, OrdersAtRisk],
})
export class WorklistModule {}
