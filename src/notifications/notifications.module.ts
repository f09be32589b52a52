import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { PersonsModule } from '../persons/persons.module.js';
import { NOTIFICATION_CHANNEL, NotificationChannel } from './channel.js';
import { DeliveriesReconcile } from './deliveries.reconcile.js';
import { LogChannel } from './log.channel.js';
import { NotificationQueries } from './notification.queries.js';
import { NotificationRepository } from './notification.repository.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { WebhookChannel } from './webhook.channel.js';

@Module({
  imports: [PersonsModule],
  controllers: [NotificationsController],
  providers: [
    {
      provide: NOTIFICATION_CHANNEL,
      inject: [AppConfig],
      useFactory: (config: AppConfig): NotificationChannel =>
        config.NOTIFY_CHANNEL === 'webhook'
          ? new WebhookChannel(config.NOTIFY_WEBHOOK_URL, config.NOTIFY_WEBHOOK_SECRET)
          : new LogChannel(),
    },
    NotificationRepository,
    NotificationQueries,
    NotificationsService,
    DeliveriesReconcile,
  ],
  exports: [NotificationsService, NotificationQueries],
})
export class NotificationsModule {}
