import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module.js';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { SiteRepository } from './site.repository.js';
import { SitesController } from './sites.controller.js';
import { SitesService } from './sites.service.js';

@Module({
  imports: [AgenciesModule, AgreementsModule],
  controllers: [SitesController],
  providers: [SitesService, SiteRepository],
  exports: [SitesService],
})
export class SitesModule {}
