import { Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { AppConfig } from '../config/app-config.js';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { planWorkers, planningThreads } from './parallel-planner.js';
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
export class PlanningModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly config: AppConfig) {}

  /**
   * An API process starts its planner threads at boot, one a core, so the first plan finds them warm. Several API
   * processes (API_PROCESSES) each keep their own: an idle thread holds only its heap.
   */
  onApplicationBootstrap(): void {
    if (this.config.APP_ROLE === 'worker') return;
    planWorkers.start(planningThreads());
  }

  onApplicationShutdown(): Promise<void> {
    return planWorkers.close();
  }
}
