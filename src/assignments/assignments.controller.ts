import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { localizedWarnings, pickLocale } from '../common/messages.js';
import { PageQuery } from '../common/pagination.js';
import { ApiLanguage, ApiProblems, ProblemDto } from '../common/problem.docs.js';
import { ParseIdPipe } from '../common/validation.js';
import { AssignmentsQueries } from './assignments.queries.js';
import { AttendanceService } from './attendance.service.js';
import { BookingService } from './booking.service.js';
import { AbsenceDecisionDto, BookDto, CheckInDto, CheckOutDto, ReasonDto, ShiftSignOffResponse, SignOffDto } from './dto.js';
import { ShiftSignOff } from './shift-sign-off.js';
import { SignOffService } from './sign-off.service.js';

const IdempotencyKey = () => ApiHeader({ name: 'Idempotency-Key', required: false, description: 'resend-safe writes' });

@ApiTags('assignments')
@ApiBearerAuth()
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
  async book(@CurrentUser() actor: AuthUser, @Body() dto: BookDto, @Headers('accept-language') language?: string) {
    const booked = await this.booking.book(actor, dto);
    return { ...booked, warnings: localizedWarnings(booked.warnings, language) };
  }

  @Get('assignments/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.queries.get(user, id);
  }

  @Get('orders/:orderId/assignments')
  @Roles('supervisor', 'prosecutor')
  forOrder(@CurrentUser() user: AuthUser, @Param('orderId', ParseIdPipe) orderId: string, @Query() query: PageQuery) {
    return this.queries.forOrder(user, orderId, query);
  }

  @Get('shifts/:shiftId/assignments')
  roster(@CurrentUser() user: AuthUser, @Param('shiftId', ParseIdPipe) shiftId: string, @Query() query: PageQuery) {
    return this.queries.roster(user, shiftId, query);
  }

  @Post('assignments/:id/cancel')
  @HttpCode(200)
  @Roles('supervisor')
  cancel(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.booking.cancel(actor, id, dto);
  }

  @Post('assignments/:id/check-in')
  @HttpCode(200)
  @IdempotencyKey()
  checkIn(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: CheckInDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.attendance.checkIn(actor, id, dto, { key });
  }

  @Post('assignments/:id/check-out')
  @HttpCode(200)
  @IdempotencyKey()
  checkOut(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: CheckOutDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.attendance.checkOut(actor, id, dto, { key });
  }

  @Post('assignments/:id/absence')
  @HttpCode(200)
  @IdempotencyKey()
  absence(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: ReasonDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.attendance.absence(actor, id, dto, { key });
  }

  @Post('assignments/:id/sign-off')
  @HttpCode(200)
  @Roles('supervisor')
  signOff(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() dto: SignOffDto) {
    return this.signOffs.signOff(actor, id, dto);
  }

  /** The whole shift at once: each confirmed booking of my Bapas signed off on its own; refusals listed. */
  @Post('shifts/:shiftId/sign-off')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiExtraModels(ProblemDto)
  @ApiOkResponse({ type: ShiftSignOffResponse })
  @ApiLanguage()
  @ApiProblems(400, 401, 403, 404)
  signOffShift(
    @CurrentUser() actor: AuthUser,
    @Param('shiftId', ParseIdPipe) shiftId: string,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return this.shiftSignOff.signOffShift(actor, shiftId, pickLocale(acceptLanguage));
  }

  @Post('assignments/:id/absence-decision')
  @HttpCode(200)
  @Roles('supervisor')
  decideAbsence(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() dto: AbsenceDecisionDto) {
    return this.signOffs.decideAbsence(actor, id, dto);
  }
}
