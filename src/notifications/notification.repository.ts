import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page, PageQuery } from '../common/pagination.js';
import type { Tx } from '../database/transactions.js';
import { Notification } from './notification.entity.js';

export interface DeliveryAttempt {
  at: Date;
  outcome: 'sent' | 'failed';
  httpStatus: number | null;
  providerId: string | null;
  providerStatus: string | null;
  error: string | null;
}

export type NotificationView = Notification & { history: DeliveryAttempt[] };

export interface Receipt {
  providerId: string | null;
  providerStatus: string | null;
  httpStatus: number | null;
}

export type NewNotification = Pick<
  Notification,
  | 'recipientType'
  | 'recipientId'
  | 'reason'
  | 'subjectKey'
  | 'assignmentId'
  | 'orderId'
  | 'channel'
  | 'to'
  | 'locale'
  | 'text'
  | 'status'
  | 'statusReason'
>;

/** Where a message goes and in which language. */
export interface RecipientAddress {
  phone: string | null;
  locale: 'id' | 'en';
  optedOut: boolean;
}

/** The notification, notification_attempt and notification_opt_out tables. */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Answers the new message's id, or null when one for this (recipient, reason, subject) is stored already. */
  async storeOnce(message: NewNotification, tx: Tx = this.dataSource.manager): Promise<string | null> {
    const [row] = await tx.query(
      `INSERT INTO notification (recipient_type, recipient_id, reason, subject_key, assignment_id, order_id, channel,
                                 to_address, locale, text, status, status_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT ON CONSTRAINT notification_once DO NOTHING RETURNING id`,
      [
        message.recipientType,
        message.recipientId,
        message.reason,
        message.subjectKey,
        message.assignmentId,
        message.orderId,
        message.channel,
        message.to,
        message.locale,
        message.text,
        message.status,
        message.statusReason,
      ],
    );
    return row?.id ?? null;
  }

  /**
   * Read model: a recipient's phone and language, from person or app_user (not ours), and whether the person opted
   * out of the channel. Fails when the recipient does not exist.
   */
  async address(
    recipient: { type: 'person' | 'user'; id: string },
    channel: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<RecipientAddress> {
    const [row] =
      recipient.type === 'person'
        ? await tx.query(
            `SELECT p.phone, p.locale, EXISTS (SELECT 1 FROM notification_opt_out o WHERE o.person_id = p.id AND o.channel = $2)
                    AS "optedOut"
               FROM person p WHERE p.id = $1`,
            [recipient.id, channel],
          )
        : await tx.query(`SELECT phone, 'id' AS locale, false AS "optedOut" FROM app_user WHERE id = $1`, [
            recipient.id,
          ]);
    if (!row) throw new Error(`no ${recipient.type} ${recipient.id} to notify`);
    return row;
  }

  /** see NotificationsService.forgetPerson. */
  async forgetPerson(
    personId: string,
    fullName: string,
    placeholder: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<void> {
    await tx.query(
      `UPDATE notification SET to_address = NULL, text = '', status = CASE WHEN status = 'pending' THEN 'skipped' ELSE status END,
              status_reason = CASE WHEN status = 'pending' THEN 'anonymised' ELSE status_reason END
        WHERE recipient_type = 'person' AND recipient_id = $1`,
      [personId],
    );
    await tx.query(`UPDATE notification SET text = replace(text, $1, $2) WHERE strpos(text, $1) > 0`, [
      fullName,
      placeholder,
    ]);
  }

  find(id: string, tx: Tx = this.dataSource.manager): Promise<Notification | null> {
    return tx.findOneBy(Notification, { id });
  }

  /** One delivery attempt kept, and the message's status as it leaves it. */
  async recordAttempt(
    id: string,
    at: Date,
    outcome: 'sent' | 'failed',
    receipt: Receipt,
    error: string | null,
    final: boolean,
    tx: Tx = this.dataSource.manager,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO notification_attempt (notification_id, at, outcome, http_status, provider_id, provider_status, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, at, outcome, receipt.httpStatus, receipt.providerId, receipt.providerStatus, error],
    );
    await tx.query(
      `UPDATE notification SET attempts = attempts + 1,
          status = CASE WHEN $2 = 'sent' THEN 'sent' WHEN $6 THEN 'failed' ELSE status END,
          sent_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz ELSE sent_at END,
          provider_id = coalesce($4, provider_id), provider_status = coalesce($5, provider_status),
          status_reason = CASE WHEN $2 = 'sent' THEN NULL ELSE $7 END
        WHERE id = $1`,
      [id, outcome, at, receipt.providerId, receipt.providerStatus, final, error],
    );
  }

  async pendingIds(tx: Tx = this.dataSource.manager): Promise<string[]> {
    const pending: { id: string }[] = await tx.query(`SELECT id FROM notification WHERE status = 'pending'`);
    return pending.map((n) => n.id);
  }

  async list(
    where: { assignmentId?: string; recipientId?: string },
    page: PageQuery,
    tx: Tx = this.dataSource.manager,
  ): Promise<Page<NotificationView>> {
    const [items, total] = await tx.findAndCount(Notification, {
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    const attempts: (DeliveryAttempt & { notificationId: string })[] =
      items.length === 0
        ? []
        : await tx.query(
            `SELECT notification_id AS "notificationId", at, outcome, http_status AS "httpStatus", provider_id AS "providerId",
              provider_status AS "providerStatus", error
         FROM notification_attempt WHERE notification_id = ANY($1::uuid[]) ORDER BY id`,
            [items.map((n) => n.id)],
          );
    return {
      items: items.map((n) => ({
        ...n,
        history: attempts.filter((a) => a.notificationId === n.id).map(({ notificationId: _, ...attempt }) => attempt),
      })),
      total,
    };
  }

  async optOut(personId: string, channel: string, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(`INSERT INTO notification_opt_out (person_id, channel) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      personId,
      channel,
    ]);
  }

  async optIn(personId: string, channel: string, tx: Tx = this.dataSource.manager): Promise<void> {
    await tx.query(`DELETE FROM notification_opt_out WHERE person_id = $1 AND channel = $2`, [personId, channel]);
  }
}
