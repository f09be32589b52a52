import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { longDate } from '../common/local-time.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS, type JobOutcome } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { loadShiftContext, shiftWords } from '../reminders/shift-context.js';

/** R-21 POLICY: an unexcused absence sends a written warning to the person and tells the supervisor. */
@Injectable()
export class WarningsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  @OnJob(JOBS.absenceWarning)
  warn({ assignmentId }: Record<string, string>): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const context = await loadShiftContext(manager, assignmentId);
      if (!context || context.assignment.status !== 'unexcused') return 'skipped';
      const words = (locale: 'id' | 'en') => ({
        ...shiftWords(context, locale),
        date: longDate(context.assignment.localDate, locale),
        reason: context.assignment.absenceDecisionReason ?? '-',
      });
      const subject = { subjectKey: assignmentId, assignmentId, orderId: context.order.id, params: words };
      const toPerson = await this.notifications.notify(manager, {
        ...subject,
        recipient: { type: 'person', id: context.person.id },
        reason: 'warning',
      });
      await this.notifications.notify(manager, {
        ...subject,
        recipient: { type: 'user', id: context.order.supervisorId },
        reason: 'warning_supervisor',
      });
      return toPerson ? 'sent' : 'already_sent';
    });
  }
}
