import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { AssignmentAccess } from './assignment-access.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsQueries } from './assignments.queries.js';
import { AttendanceService } from './attendance.service.js';
import { BookingService } from './booking.service.js';
import { ShiftSignOff } from './shift-sign-off.js';
import { SignOffService } from './sign-off.service.js';

@Module({
  imports: [CalendarModule, LedgerModule, OrdersModule],
  controllers: [AssignmentsController],
  providers: [AssignmentAccess, AssignmentsQueries, AttendanceService, BookingService, SignOffService, ShiftSignOff],
  exports: [AssignmentsQueries, BookingService],
})
export class AssignmentsModule {}
