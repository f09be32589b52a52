import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { Metrics } from '../common/observability/metrics.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { Outbox } from '../jobs/outbox.service.js';
import { Gone } from '../jobs/processors.js';
import { NOTIFICATION_CHANNEL, type NotificationChannel, PermanentDeliveryError } from './channel.js';
import { NotificationRepository, type Receipt } from './notification.repository.js';
import { loadTemplates, Reason, render, Templates } from './templates.js';

export interface NotifyRequest {
  recipient: { type: 'person' | 'user'; id: string };
  reason: Reason;
  /** What the message is about: with recipient and reason, what makes it unique (no ':'). */
  subjectKey: string;
  /** The message's values, worded for the recipient's language. */
  params: (locale: 'id' | 'en') => Record<string, string>;
  assignmentId?: string;
  orderId?: string;
}

/**
 * Notifications are stored, then sent, then marked with the gateway's answer. Storing and queueing the delivery
 * happen in one transaction (the outbox); a second request for the same (recipient, reason, subject) is a no-op.
 */
@Injectable()
export class NotificationsService {
  private readonly templates: Templates;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly transactions: Transactions,
    @Inject(NOTIFICATION_CHANNEL) private readonly channel: NotificationChannel,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    config: AppConfig,
  ) {
    this.templates = loadTemplates(config.MESSAGES_DIR);
  }

  /** Answers whether a new notification was stored. */
  async notify(tx: Tx, request: NotifyRequest): Promise<boolean> {
    const recipient = await this.notifications.address(request.recipient, this.channel.name, tx);
    const skipped = !recipient.phone ? 'no_phone' : recipient.optedOut ? 'opted_out' : null;
    const id = await this.notifications.storeOnce(
      {
        recipientType: request.recipient.type,
        recipientId: request.recipient.id,
        reason: request.reason,
        subjectKey: request.subjectKey,
        assignmentId: request.assignmentId ?? null,
        orderId: request.orderId ?? null,
        channel: this.channel.name,
        to: recipient.phone,
        locale: recipient.locale,
        text: render(this.templates[request.reason][recipient.locale], request.params(recipient.locale)),
        status: skipped ? 'skipped' : 'pending',
        statusReason: skipped,
      },
      tx,
    );
    if (!id) return false;
    if (!skipped) await this.outbox.add(tx, [deliveryJob(id, this.clock.now())]);
    return true;
  }

  /**
   * R-30, after the retention period: the messages sent to the person lose their number and text (a pending one
   * is no longer sent), and the person's name is replaced in the messages sent to others (rosters, risk scans,
   * breach and completion notices). What was sent, when and why stays countable.
   */
  forgetPerson(tx: Tx, personId: string, fullName: string, placeholder: string): Promise<void> {
    return this.notifications.forgetPerson(personId, fullName, placeholder, tx);
  }

  /** A person opts out of a channel (or back in): their messages on it are stored, not sent. */
  setOptOut(personId: string, channel: string, optedOut: boolean): Promise<void> {
    return optedOut ? this.notifications.optOut(personId, channel) : this.notifications.optIn(personId, channel);
  }

  @OnJob(JOBS.deliver)
  async deliver({ notificationId }: Record<string, string>): Promise<string> {
    const notification = await this.notifications.find(notificationId);
    if (!notification) throw new Gone(`notification ${notificationId} is gone`);
    if (notification.status !== 'pending') return notification.status;
    try {
      const receipt = await this.channel.send({
        id: notification.id,
        reason: notification.reason,
        to: notification.to!,
        text: notification.text,
        locale: notification.locale,
      });
      await this.record(notification.id, 'sent', receipt);
      return 'sent';
    } catch (error) {
      const httpStatus = (error as { httpStatus?: number }).httpStatus ?? null;
      const permanent = error instanceof PermanentDeliveryError;
      this.metrics.deliveryFailures.inc({ channel: this.channel.name, permanent: String(permanent) });
      await this.record(
        notification.id,
        'failed',
        { providerId: null, providerStatus: null, httpStatus },
        (error as Error).message,
        permanent,
      );
      if (permanent) throw new Gone((error as Error).message);
      throw error;
    }
  }

  /** Every delivery attempt is kept: the status history of a message. */
  private async record(
    id: string,
    outcome: 'sent' | 'failed',
    receipt: Receipt,
    error: string | null = null,
    final = false,
  ): Promise<void> {
    await this.transactions.run((tx) =>
      this.notifications.recordAttempt(id, this.clock.now(), outcome, receipt, error, final, tx),
    );
  }
}

export function deliveryJob(notificationId: string, now: Date) {
  return { name: JOBS.deliver, jobId: `deliver-${notificationId}`, runAt: now, payload: { notificationId } };
}
