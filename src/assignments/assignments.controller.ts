import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { localizedWarnings, pickLocale } from '../common/messages.js';
import { AcceptLanguage, ApiProblems, IdempotencyKey } from '../common/openapi.js';
import { PageQuery } from '../common/pagination.js';
import { IdParam } from '../common/validation.js';
import { AssignmentPage, AssignmentResponse, BookedAssignmentResponse } from './assignment.response.js';
import { AssignmentsQueries } from './assignments.queries.js';
import { AttendanceService } from './attendance.service.js';
import { BookingService } from './booking.service.js';
import {
  AbsenceDecisionDto,
  BookDto,
  CheckInDto,
  CheckOutDto,
  ReasonDto,
  ShiftSignOffResponse,
  SignOffDto,
} from './dto.js';
import { ShiftSignOff } from './shift-sign-off.js';
import { SignOffService } from './sign-off.service.js';

@ApiTags('assignments')
@Controller()
export class AssignmentsController {
  constructor(
    private readonly booking: BookingService,
    private readonly attendance: AttendanceService,
    private readonly signOffs: SignOffService,
    private readonly queries: AssignmentsQueries,
    private readonly shiftSignOff: ShiftSignOff,
  ) {}

  @Post('assignments')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Book an order on a shift',
    description:
      '409 when the shift is full, the booking overlaps another, passes the daily cap, falls outside the order period, ' +
      "on a holiday or in the person's unavailable window, at a site without a valid agreement, or a child at a site not for minors.",
  })
  @ApiCreatedResponse({ type: BookedAssignmentResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  async book(
    @CurrentUser() actor: AuthUser,
    @Body() dto: BookDto,
    @AcceptLanguage() language?: string,
  ): Promise<BookedAssignmentResponse> {
    const booked = await this.booking.book(actor, dto);
    return { ...booked, warnings: localizedWarnings(booked.warnings, language) };
  }

  @Get('assignments/:id')
  @ApiOperation({
    summary: 'Read an assignment with its attendance',
    description:
      "The supervisor's reasons and notes are null but for the order's own supervisors and prosecutors (R-30), as in the shift's roll-call.",
  })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<AssignmentResponse> {
    return this.queries.get(user, id);
  }

  @Get('orders/:orderId/assignments')
  @Roles('supervisor', 'prosecutor')
  @ApiOperation({ summary: "An order's assignments", description: 'By start, then by name.' })
  @ApiOkResponse({ type: AssignmentPage })
  @ApiProblems(400, 401, 403, 404)
  forOrder(
    @CurrentUser() user: AuthUser,
    @IdParam('orderId') orderId: string,
    @Query() query: PageQuery,
  ): Promise<AssignmentPage> {
    return this.queries.forOrder(user, orderId, query);
  }

  @Get('shifts/:shiftId/assignments')
  @ApiOperation({
    summary: "A shift's roll-call",
    description:
      "For the site's coordinators and the supervisors who plan there. The supervisor's reasons and notes (an absence's decision, a cancellation, a sign-off) are null but for the order's own supervisors (R-30).",
  })
  @ApiOkResponse({ type: AssignmentPage })
  @ApiProblems(400, 401, 403, 404)
  roster(
    @CurrentUser() user: AuthUser,
    @IdParam('shiftId') shiftId: string,
    @Query() query: PageQuery,
  ): Promise<AssignmentPage> {
    return this.queries.roster(user, shiftId, query);
  }

  @Post('assignments/:id/cancel')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Cancel a booking before its shift starts' })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  cancel(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: ReasonDto,
  ): Promise<AssignmentResponse> {
    return this.booking.cancel(actor, id, dto);
  }

  @Post('assignments/:id/check-in')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the arrival',
    description: 'By a coordinator of the site; `at` may be late (offline phone), never in the future.',
  })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  checkIn(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: CheckInDto,
    @IdempotencyKey() key?: string,
  ): Promise<AssignmentResponse> {
    return this.attendance.checkIn(actor, id, dto, { key });
  }

  @Post('assignments/:id/check-out')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the departure and confirm the minutes worked',
    description: "The coordinator's confirmation: the first signature.",
  })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  checkOut(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: CheckOutDto,
    @IdempotencyKey() key?: string,
  ): Promise<AssignmentResponse> {
    return this.attendance.checkOut(actor, id, dto, { key });
  }

  @Post('assignments/:id/absence')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an absence', description: 'Only once the shift has started.' })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  absence(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: ReasonDto,
    @IdempotencyKey() key?: string,
  ): Promise<AssignmentResponse> {
    return this.attendance.absence(actor, id, dto, { key });
  }

  @Post('assignments/:id/sign-off')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Sign off the confirmed minutes (the second signature)',
    description:
      'R-15: by a supervisor of the order who did not confirm them; credits the ledger. ' +
      '`creditedMinutes` can only be lower, with a note.',
  })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  signOff(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: SignOffDto,
  ): Promise<AssignmentResponse> {
    return this.signOffs.signOff(actor, id, dto);
  }

  /** The whole shift at once: each confirmed booking of my Bapas signed off on its own; refusals listed. */
  @Post('shifts/:shiftId/sign-off')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Sign off every confirmed booking of a shift at once (each on its own; refusals listed)' })
  @ApiOkResponse({ type: ShiftSignOffResponse })
  @ApiProblems(400, 401, 403, 404)
  signOffShift(
    @CurrentUser() actor: AuthUser,
    @IdParam('shiftId') shiftId: string,
    @AcceptLanguage() acceptLanguage?: string,
  ) {
    return this.shiftSignOff.signOffShift(actor, shiftId, pickLocale(acceptLanguage));
  }

  @Post('assignments/:id/absence-decision')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Decide whether an absence is excused',
    description: 'R-21: an unexcused absence sends a written warning.',
  })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  decideAbsence(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: AbsenceDecisionDto,
  ): Promise<AssignmentResponse> {
    return this.signOffs.decideAbsence(actor, id, dto);
  }
}
