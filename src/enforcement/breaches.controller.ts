import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { BreachPage, BreachResponse } from './breach.response.js';
import { BreachesService } from './breaches.service.js';
import { BreachDecisionDto, BreachListQuery, ReportBreachDto } from './dto.js';

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
}
