import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, PageQuery } from '../common/pagination.js';
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

@Injectable()
export class NotificationQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(where: { assignmentId?: string; recipientId?: string }, page: PageQuery): Promise<Page<NotificationView>> {
    const [items, total] = await this.dataSource.getRepository(Notification).findAndCount({
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    const attempts: (DeliveryAttempt & { notificationId: string })[] =
      items.length === 0
        ? []
        : await this.dataSource.query(
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
}
