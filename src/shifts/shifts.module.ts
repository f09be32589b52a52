import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { MyShiftsController } from './my-shifts.controller.js';
import { ShiftRepository } from './shift.repository.js';
import { ShiftsController } from './shifts.controller.js';
import { ShiftsService } from './shifts.service.js';

@Module({
  imports: [CalendarModule, SitesModule],
  controllers: [ShiftsController, MyShiftsController],
  providers: [ShiftRepository, ShiftsService],
  exports: [ShiftsService],
})
export class ShiftsModule {}
