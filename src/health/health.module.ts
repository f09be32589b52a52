import { Module } from '@nestjs/common';
import { DatabaseWatch } from './database-watch.js';
import { HealthController } from './health.controller.js';

@Module({ controllers: [HealthController], providers: [DatabaseWatch] })
export class HealthModule {}
