import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { AttendanceChecksService } from './attendance-checks.service.js';
import { AttendanceScanSchedule } from './attendance-scan.schedule.js';

/** The minutely scan for suspected no-shows and check-ins left open (R-20; worker role). */
@Module({
  imports: [AssignmentsModule, NotificationsModule, RemindersModule],
  providers: [AttendanceChecksService, AttendanceScanSchedule],
})
export class AttendanceChecksModule {}
