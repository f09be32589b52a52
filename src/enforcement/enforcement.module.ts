import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { BreachRepository } from './breach.repository.js';
import { BreachesController } from './breaches.controller.js';
import { BreachesService } from './breaches.service.js';

/** Breach reports and the prosecutor's decisions. */
@Module({
  imports: [OrdersModule, AssignmentsModule, NotificationsModule],
  controllers: [BreachesController],
  providers: [BreachRepository, BreachesService],
  exports: [BreachesService],
})
export class EnforcementModule {}
