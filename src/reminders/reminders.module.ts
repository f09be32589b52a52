import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RemindersReconcile } from './reminders.reconcile.js';
import { RemindersService } from './reminders.service.js';
import { ShiftContexts } from './shift-context.js';
import { ShiftContextRepository } from './shift-context.repository.js';

/** Reminders to the person the day before and two hours before each booked shift (worker role). */
@Module({
  imports: [NotificationsModule],
  providers: [RemindersService, RemindersReconcile, ShiftContextRepository, ShiftContexts],
  exports: [ShiftContexts],
})
export class RemindersModule {}
