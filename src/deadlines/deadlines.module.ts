import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DeadlinesService } from './deadlines.service.js';

/** The risk scan: run each morning by the worker, read on demand by the supervisor's worklist. */
@Module({ imports: [NotificationsModule], providers: [DeadlinesService], exports: [DeadlinesService] })
export class DeadlinesModule {}
