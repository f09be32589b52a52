import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module.js';
import { AgreementRepository } from './agreement.repository.js';
import { AgreementsController } from './agreements.controller.js';
import { AgreementsService } from './agreements.service.js';

@Module({
  imports: [AgenciesModule],
  controllers: [AgreementsController],
  providers: [AgreementsService, AgreementRepository],
  exports: [AgreementsService],
})
export class AgreementsModule {}
