import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { DatabaseWatch } from './database-watch.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [CalendarModule], controllers: [HealthController], providers: [DatabaseWatch] })
export class HealthModule {}
