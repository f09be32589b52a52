import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Metrics } from '../common/observability/metrics.js';
import { AppConfig } from '../config/app-config.js';
import { User } from '../identity/user.entity.js';
import { OnJob } from '../jobs/job-handler.js';
import { JOBS } from '../jobs/jobs.js';
import { Outbox } from '../jobs/outbox.service.js';
import { Gone } from '../jobs/processors.js';
import { Person } from '../persons/person.entity.js';
import { NOTIFICATION_CHANNEL, type NotificationChannel, PermanentDeliveryError } from './channel.js';
import { Notification } from './notification.entity.js';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_CHANNEL) private readonly channel: NotificationChannel,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    config: AppConfig,
  ) {
    this.templates = loadTemplates(config.MESSAGES_DIR);
  }

  /** Answers whether a new notification was stored. */
  async notify(manager: EntityManager, request: NotifyRequest): Promise<boolean> {
    const recipient = await this.recipient(manager, request.recipient);
    const skipped = !recipient.phone ? 'no_phone' : recipient.optedOut ? 'opted_out' : null;
    const [row] = await manager.query(
      `INSERT INTO notification (recipient_type, recipient_id, reason, subject_key, assignment_id, order_id, channel,
                                 to_address, locale, text, status, status_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT ON CONSTRAINT notification_once DO NOTHING RETURNING id`,
      [
        request.recipient.type,
        request.recipient.id,
        request.reason,
        request.subjectKey,
        request.assignmentId ?? null,
        request.orderId ?? null,
        this.channel.name,
        recipient.phone,
        recipient.locale,
        render(this.templates[request.reason][recipient.locale], request.params(recipient.locale)),
        skipped ? 'skipped' : 'pending',
        skipped,
      ],
    );
    if (!row) return false;
    if (!skipped) await this.outbox.add(manager, [deliveryJob(row.id, this.clock.now())]);
    return true;
  }

  /**
   * R-30, after the retention period: the messages sent to the person lose their number and text (a pending one
   * is no longer sent), and the person's name is replaced in the messages sent to others (rosters, risk scans,
   * breach and completion notices). What was sent, when and why stays countable.
   */
  async forgetPerson(manager: EntityManager, personId: string, fullName: string, placeholder: string): Promise<void> {
    await manager.query(
      `UPDATE notification SET to_address = NULL, text = '', status = CASE WHEN status = 'pending' THEN 'skipped' ELSE status END,
              status_reason = CASE WHEN status = 'pending' THEN 'anonymised' ELSE status_reason END
        WHERE recipient_type = 'person' AND recipient_id = $1`,
      [personId],
    );
    await manager.query(`UPDATE notification SET text = replace(text, $1, $2) WHERE strpos(text, $1) > 0`, [
      fullName,
      placeholder,
    ]);
  }

  @OnJob(JOBS.deliver)
  async deliver({ notificationId }: Record<string, string>): Promise<string> {
    const notification = await this.dataSource.getRepository(Notification).findOneBy({ id: notificationId });
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
    receipt: { providerId: string | null; providerStatus: string | null; httpStatus: number | null },
    error: string | null = null,
    final = false,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO notification_attempt (notification_id, at, outcome, http_status, provider_id, provider_status, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, this.clock.now(), outcome, receipt.httpStatus, receipt.providerId, receipt.providerStatus, error],
      );
      await manager.query(
        `UPDATE notification SET attempts = attempts + 1,
            status = CASE WHEN $2 = 'sent' THEN 'sent' WHEN $6 THEN 'failed' ELSE status END,
            sent_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz ELSE sent_at END,
            provider_id = coalesce($4, provider_id), provider_status = coalesce($5, provider_status),
            status_reason = CASE WHEN $2 = 'sent' THEN NULL ELSE $7 END
          WHERE id = $1`,
        [id, outcome, this.clock.now(), receipt.providerId, receipt.providerStatus, final, error],
      );
    });
  }

  private async recipient(manager: EntityManager, recipient: NotifyRequest['recipient']) {
    if (recipient.type === 'person') {
      const person = await manager.findOneByOrFail(Person, { id: recipient.id });
      const optOuts = await manager.query(`SELECT 1 FROM notification_opt_out WHERE person_id = $1 AND channel = $2`, [
        person.id,
        this.channel.name,
      ]);
      return { phone: person.phone, locale: person.locale, optedOut: optOuts.length > 0 };
    }
    const user = await manager.findOneByOrFail(User, { id: recipient.id });
    return { phone: user.phone, locale: 'id' as const, optedOut: false };
  }
}

export function deliveryJob(notificationId: string, now: Date) {
  return { name: JOBS.deliver, jobId: `deliver-${notificationId}`, runAt: now, payload: { notificationId } };
}
