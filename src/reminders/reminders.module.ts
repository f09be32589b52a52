import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RemindersReconcile } from './reminders.reconcile.js';
import { RemindersService } from './reminders.service.js';

/** Reminders to the person the day before and two hours before each booked shift (worker role). */
@Module({
  imports: [NotificationsModule],
  providers: [RemindersService, RemindersReconcile],
})
export class RemindersModule {}
