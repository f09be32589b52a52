import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { MyShiftsController } from './my-shifts.controller.js';
import { ShiftsController } from './shifts.controller.js';
import { ShiftsService } from './shifts.service.js';

@Module({
  imports: [CalendarModule, SitesModule],
  controllers: [ShiftsController, MyShiftsController],
  providers: [ShiftsService],
})
export class ShiftsModule {}
