import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { Reason } from '../notifications/templates.js';
import type { JobOutcome } from '../reminders/reminders.service.js';
import { loadShiftContext, ShiftContext, shiftWords } from '../reminders/shift-context.js';

/**
 * a booked person nobody checked in by start + 30 minutes is flagged as a suspected no-show, and the
 * supervisor and the coordinator are told; a check-in still open 2 hours after the end is flagged to the
 * coordinator. A flag is not a state change of the assignment: the coordinator may still record what happened.
 */
@Injectable()
export class AttendanceChecksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @OnJob(JOBS.noShowCheck)
  noShow({ assignmentId }: Record<string, string>): Promise<JobOutcome> {
    return this.flag(assignmentId, 'scheduled', 'noShowFlaggedAt', 'no_show', (context) => [
      context.order.supervisorId,
      ...context.coordinators.map((user) => user.id),
    ]);
  }

  @OnJob(JOBS.openCheckInCheck)
  openCheckIn({ assignmentId }: Record<string, string>): Promise<JobOutcome> {
    return this.flag(assignmentId, 'checked_in', 'openCheckInFlaggedAt', 'open_check_in', (context) =>
      context.coordinators.map((user) => user.id),
    );
  }

  private flag(
    assignmentId: string,
    status: Assignment['status'],
    flag: 'noShowFlaggedAt' | 'openCheckInFlaggedAt',
    reason: Reason,
    recipients: (context: ShiftContext) => string[],
  ): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const context = await loadShiftContext(manager, assignmentId, true);
      if (!context || context.assignment.status !== status || context.assignment[flag]) return 'skipped';
      const flaggedAt = this.clock.now();
      await manager.update(Assignment, { id: assignmentId }, { [flag]: flaggedAt });
      await this.audit.record(manager, {
        actorId: null,
        action: `assignment.${reason}_flagged`,
        entityType: 'assignment',
        entityId: assignmentId,
        before: { status, [flag]: null },
        after: { status, [flag]: flaggedAt },
      });
      await this.tell(manager, context, reason, [...new Set(recipients(context))]);
      return 'sent';
    });
  }

  private async tell(manager: EntityManager, context: ShiftContext, reason: Reason, userIds: string[]): Promise<void> {
    for (const id of userIds) {
      await this.notifications.notify(manager, {
        recipient: { type: 'user', id },
        reason,
        subjectKey: context.assignment.id,
        assignmentId: context.assignment.id,
        orderId: context.order.id,
        params: (locale) => shiftWords(context, locale),
      });
    }
  }
}
