import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module.js';
import { AbsenceNoticeRepository } from './absence-notice.repository.js';
import { PersonPageController } from './person-page.controller.js';
import { PersonPageService } from './person-page.service.js';

@Module({
  imports: [PersonsModule],
  controllers: [PersonPageController],
  providers: [PersonPageService, AbsenceNoticeRepository],
})
export class PersonPageModule {}
