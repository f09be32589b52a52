import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller.js';
import { AgenciesService } from './agencies.service.js';
import { AgencyRepository } from './agency.repository.js';

@Module({
  controllers: [AgenciesController],
  providers: [AgenciesService, AgencyRepository],
  exports: [AgenciesService],
})
export class AgenciesModule {}
