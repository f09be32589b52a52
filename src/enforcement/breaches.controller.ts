import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { BreachPage, BreachResponse } from './breach.response.js';
import { BreachesService } from './breaches.service.js';
import { BreachCorrectionDto, BreachDecisionDto, BreachListQuery, ReportBreachDto } from './dto.js';

@ApiTags('enforcement')
@Controller()
export class BreachesController {
  constructor(private readonly breaches: BreachesService) {}

  @Get('breaches')
  @Roles('supervisor', 'prosecutor', 'admin')
  @ApiOperation({ summary: 'Breach reports in your scope (R-26)' })
  @ApiOkResponse({ type: BreachPage })
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: BreachListQuery): Promise<BreachPage> {
    return this.breaches.list(user, query);
  }

  @Post('orders/:id/breaches')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Report a breach of an order to its prosecutor (R-08); the order stops taking bookings',
    description: '409 when a report is open already or the order is not in progress.',
  })
  @ApiCreatedResponse({ type: BreachResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  report(
    @CurrentUser() user: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: ReportBreachDto,
  ): Promise<BreachResponse> {
    return this.breaches.reportBySupervisor(user, id, dto.reason);
  }

  @Get('breaches/:id')
  @Roles('supervisor', 'prosecutor', 'admin')
  @ApiOperation({ summary: 'Read a breach report with its evidence' })
  @ApiOkResponse({ type: BreachResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<BreachResponse> {
    return this.breaches.get(user, id);
  }

  @Post('breaches/:id/decision')
  @Roles('prosecutor')
  @HttpCode(200)
  @ApiOperation({
    summary: "The prosecutor's decision under Art. 85(7): repeat, prison, fine, or dismissal",
    description: 'Final: 409 when decided already.',
  })
  @ApiOkResponse({ type: BreachResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  decide(
    @CurrentUser() user: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: BreachDecisionDto,
  ): Promise<BreachResponse> {
    return this.breaches.decide(user, id, dto);
  }

  @Post('breaches/:id/decision/corrections')
  @Roles('prosecutor')
  @ApiOperation({
    summary: 'Correct the decision in force with a new decision that names it (R-08, R-25)',
    description:
      "The corrected decision stays on record (`decisions` lists both); the order's status and repeat terms become " +
      'those of the correction (a closing correction cancels the bookings made since). 409 when the report has no ' +
      'decision, `correctsId` is not the decision in force, or the correction cannot be applied cleanly: a later ' +
      'report, the order completed, attendance recorded since the decision (to close it), or bookings that no longer ' +
      'fit the corrected terms.',
  })
  @ApiCreatedResponse({ type: BreachResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  correct(
    @CurrentUser() user: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: BreachCorrectionDto,
  ): Promise<BreachResponse> {
    return this.breaches.correct(user, id, dto);
  }
}
