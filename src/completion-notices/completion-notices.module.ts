import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { CompletionNoticeRepository } from './completion-notice.repository.js';
import { CompletionNoticesReconcile } from './completion-notices.reconcile.js';
import { CompletionNoticesService } from './completion-notices.service.js';

/** the prosecutor is told when an order reaches its required minutes (worker role). */
@Module({
  imports: [NotificationsModule, OrdersModule],
  providers: [CompletionNoticeRepository, CompletionNoticesService, CompletionNoticesReconcile],
})
export class CompletionNoticesModule {}
