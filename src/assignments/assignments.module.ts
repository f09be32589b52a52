import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { PersonsModule } from '../persons/persons.module.js';
import { ShiftsModule } from '../shifts/shifts.module.js';
import { AssignmentAccess } from './assignment-access.js';
import { AssignmentCredits } from './assignment-credits.service.js';
import { AssignmentRepository } from './assignment.repository.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsQueries } from './assignments.queries.js';
import { AttendanceFlags } from './attendance-flags.service.js';
import { AttendanceService } from './attendance.service.js';
import { BatchBookingService } from './batch-booking.service.js';
import { BookingService } from './booking.service.js';
import { ShiftSignOff } from './shift-sign-off.js';
import { SignOffService } from './sign-off.service.js';

@Module({
  imports: [LedgerModule, OrdersModule, PersonsModule, ShiftsModule],
  controllers: [AssignmentsController],
  providers: [
    AssignmentRepository,
    AssignmentAccess,
    AssignmentCredits,
    AssignmentsQueries,
    AttendanceFlags,
    AttendanceService,
    BatchBookingService,
    BookingService,
    SignOffService,
    ShiftSignOff,
  ],
  exports: [AssignmentCredits, AssignmentsQueries, AttendanceFlags, BatchBookingService, BookingService],
})
export class AssignmentsModule {}
