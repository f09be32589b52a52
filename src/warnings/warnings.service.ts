import { Injectable } from '@nestjs/common';
import { longDate } from '../common/local-time.js';
import { Transactions } from '../database/transactions.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS, type JobOutcome } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ShiftContexts, shiftWords } from '../reminders/shift-context.js';

/** R-21 POLICY: an unexcused absence sends a written warning to the person and tells the supervisor. */
@Injectable()
export class WarningsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly shiftContexts: ShiftContexts,
    private readonly notifications: NotificationsService,
  ) {}

  @OnJob(JOBS.absenceWarning)
  warn({ assignmentId }: Record<string, string>): Promise<JobOutcome> {
    return this.transactions.run(async (tx) => {
      const context = await this.shiftContexts.load(tx, assignmentId);
      if (!context || context.assignment.status !== 'unexcused') return 'skipped';
      const words = (locale: 'id' | 'en') => ({
        ...shiftWords(context, locale),
        date: longDate(context.assignment.localDate, locale),
        reason: context.assignment.absenceDecisionReason ?? '-',
      });
      const subject = { subjectKey: assignmentId, assignmentId, orderId: context.order.id, params: words };
      const toPerson = await this.notifications.notify(tx, {
        ...subject,
        recipient: { type: 'person', id: context.person.id },
        reason: 'warning',
      });
      await this.notifications.notify(tx, {
        ...subject,
        recipient: { type: 'user', id: context.order.supervisorId },
        reason: 'warning_supervisor',
      });
      return toPerson ? 'sent' : 'already_sent';
    });
  }
}
