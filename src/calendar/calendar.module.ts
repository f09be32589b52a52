import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';
import { HolidayRepository } from './holiday.repository.js';

@Module({
  controllers: [CalendarController],
  providers: [CalendarService, HolidayRepository],
  exports: [CalendarService],
})
export class CalendarModule {}
