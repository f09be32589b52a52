import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { WarningRepository } from './warning.repository.js';
import { WarningsReconcile } from './warnings.reconcile.js';
import { WarningsService } from './warnings.service.js';

/** the written warning to the person after an unexcused absence, copied to the supervisor (worker role). */
@Module({
  imports: [NotificationsModule, RemindersModule],
  providers: [WarningRepository, WarningsService, WarningsReconcile],
})
export class WarningsModule {}
