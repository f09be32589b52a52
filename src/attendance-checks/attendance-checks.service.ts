import { Injectable } from '@nestjs/common';
import { AttendanceFlags, type FlagDue } from '../assignments/attendance-flags.service.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { Reason } from '../notifications/templates.js';
import { type ShiftContext, ShiftContexts, shiftWords } from '../reminders/shift-context.js';

/** R-20 POLICY: nobody checked in by start + 30 minutes is a suspected no-show. */
export const NO_SHOW_AFTER_MINUTES = 30;
/** A check-in still open this long after the end is flagged to the coordinator. */
export const OPEN_CHECK_IN_AFTER_MINUTES = 120;
/** Older cases are left to people: a worker that was down for a week doesn't flood anyone. */
const LOOKBACK_HOURS = 24;

interface Check extends FlagDue {
  /** Due this many minutes after the instant of the shift. */
  afterMinutes: number;
  reason: Reason;
  recipients: (context: ShiftContext) => string[];
}

const CHECKS: Check[] = [
  {
    status: 'scheduled',
    flag: 'noShowFlaggedAt',
    instant: 'startsAt',
    afterMinutes: NO_SHOW_AFTER_MINUTES,
    reason: 'no_show',
    recipients: (context) => [context.order.supervisorId, ...context.coordinators.map((user) => user.id)],
  },
  {
    status: 'checked_in',
    flag: 'openCheckInFlaggedAt',
    instant: 'endsAt',
    afterMinutes: OPEN_CHECK_IN_AFTER_MINUTES,
    reason: 'open_check_in',
    recipients: (context) => context.coordinators.map((user) => user.id),
  },
];

/**
 * a booked person nobody checked in by start + 30 minutes is flagged as a suspected no-show, and the
 * supervisor and the coordinators are told; a check-in still open 2 hours after the end is flagged to the
 * coordinators. A scan every minute finds them (one per cluster: a job scheduler). A flag is not a state change:
 * the coordinator may still record what happened.
 */
@Injectable()
export class AttendanceChecksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly flags: AttendanceFlags,
    private readonly notifications: NotificationsService,
    private readonly shiftContexts: ShiftContexts,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Answers how many assignments it flagged, per reason. */
  @OnJob(JOBS.attendanceScan)
  async scan(): Promise<Record<string, number>> {
    const now = this.clock.now();
    const flagged: Record<string, number> = {};
    for (const check of CHECKS) {
      const latest = new Date(now.getTime() - check.afterMinutes * 60_000);
      const due = await this.flags.due(check, latest, new Date(latest.getTime() - LOOKBACK_HOURS * 3600_000));
      let count = 0;
      for (const id of due) if (await this.flag(id, check)) count++;
      flagged[check.reason] = count;
    }
    return flagged;
  }

  /** Re-checked under a row lock: a check-in recorded meanwhile wins. */
  private flag(assignmentId: string, check: Check): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const context = await this.shiftContexts.load(tx, assignmentId, true);
      if (!context || context.assignment.status !== check.status || context.assignment[check.flag]) return false;
      const flaggedAt = this.clock.now();
      await this.flags.set(tx, assignmentId, check.flag, flaggedAt);
      await this.audit.record(tx, {
        actorId: null,
        action: `assignment.${check.reason}_flagged`,
        entityType: 'assignment',
        entityId: assignmentId,
        before: { status: check.status, [check.flag]: null },
        after: { status: check.status, [check.flag]: flaggedAt },
      });
      await this.tell(tx, context, check.reason, [...new Set(check.recipients(context))]);
      return true;
    });
  }

  private async tell(tx: Tx, context: ShiftContext, reason: Reason, userIds: string[]): Promise<void> {
    for (const id of userIds) {
      await this.notifications.notify(tx, {
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
