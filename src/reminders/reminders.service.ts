import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { Transactions } from '../database/transactions.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS, type JobOutcome } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { Reason } from '../notifications/templates.js';
import { ShiftContexts, shiftWords } from './shift-context.js';

/** Reminders to the person before each shift. A cancelled or moved booking gets none: the handler re-reads. */
@Injectable()
export class RemindersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly shiftContexts: ShiftContexts,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  @OnJob(JOBS.reminderDayBefore)
  dayBefore({ assignmentId }: Record<string, string>): Promise<JobOutcome> {
    return this.remind(assignmentId, 'shift_reminder_day_before');
  }

  @OnJob(JOBS.reminderTwoHours)
  twoHoursBefore({ assignmentId }: Record<string, string>): Promise<JobOutcome> {
    return this.remind(assignmentId, 'shift_reminder_2h');
  }

  private remind(assignmentId: string, reason: Reason): Promise<JobOutcome> {
    return this.transactions.run(async (tx) => {
      const context = await this.shiftContexts.load(tx, assignmentId);
      // Gone, cancelled, or already started (a reminder delayed past the start is no use).
      if (!context || context.assignment.status !== 'scheduled' || context.assignment.startsAt <= this.clock.now()) {
        return 'skipped';
      }
      const stored = await this.notifications.notify(tx, {
        recipient: { type: 'person', id: context.person.id },
        reason,
        subjectKey: assignmentId,
        assignmentId,
        orderId: context.order.id,
        params: (locale) => shiftWords(context, locale),
      });
      return stored ? 'sent' : 'already_sent';
    });
  }
}
