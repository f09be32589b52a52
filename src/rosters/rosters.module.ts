import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { RosterRepository } from './roster.repository.js';
import { RostersSchedule } from './rosters.schedule.js';
import { RostersService } from './rosters.service.js';

/** Each coordinator's roster of the next day, at 17:00 in each zone (worker role). */
@Module({
  imports: [NotificationsModule, SitesModule],
  providers: [RosterRepository, RostersService, RostersSchedule],
  exports: [RostersService],
})
export class RostersModule {}
