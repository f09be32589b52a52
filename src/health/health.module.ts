import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { DatabaseWatch } from './database-watch.js';
import { HealthController } from './health.controller.js';
import { HealthRepository } from './health.repository.js';

@Module({ imports: [CalendarModule], controllers: [HealthController], providers: [HealthRepository, DatabaseWatch] })
export class HealthModule {}
