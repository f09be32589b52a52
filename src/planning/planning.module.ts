import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { planWorkers } from './parallel-planner.js';
import { PlanApplier } from './plan-applier.js';
import { PlanningController } from './planning.controller.js';
import { PlanningInputsRepository } from './planning-inputs.repository.js';
import { PlanRepository } from './plan.repository.js';
import { PlanningService } from './planning.service.js';

@Module({
  imports: [AssignmentsModule, OrdersModule, CalendarModule],
  controllers: [PlanningController],
  providers: [PlanRepository, PlanningInputsRepository, PlanApplier, PlanningService],
  exports: [PlanningService],
})
export class PlanningModule implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return planWorkers.close();
  }
}
