import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { WorklistController } from './worklist.controller.js';
import { WorklistService } from './worklist.service.js';

@Module({ imports: [DeadlinesModule], controllers: [WorklistController], providers: [WorklistService] })
export class WorklistModule {}
