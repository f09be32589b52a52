import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { pickLocale } from '../common/messages.js';
import { AcceptLanguage, ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { PlanBapasDto, PlanOrderDto } from './dto.js';
import { PlanApplier } from './plan-applier.js';
import { PlanResponse } from './plan.response.js';
import { PlanningService } from './planning.service.js';

@ApiTags('planning')
@Controller()
export class PlanningController {
  constructor(
    private readonly planning: PlanningService,
    private readonly applier: PlanApplier,
  ) {}

  /**
   * A preview for one order; also the re-plan after a no-show or a cancellation (with `allowMoves`, up to 5 other
   * bookings of the Bapas may move to free a seat). Nothing is booked or moved yet.
   */
  @Post('orders/:id/plan')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Preview a plan for what one order still owes',
    description:
      'Also the re-plan after a no-show or a cancellation; with `allowMoves`, up to 5 other bookings of the Bapas ' +
      'may move. Nothing is booked yet.',
  })
  @ApiCreatedResponse({ type: PlanResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  planOrder(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @Body() dto: PlanOrderDto,
    @AcceptLanguage() language?: string,
  ): Promise<PlanResponse> {
    return this.planning.previewOrder(actor, id, dto, pickLocale(language));
  }

  /** A preview for the active orders of the supervisor's Bapas over a horizon. Nothing is booked yet. */
  @Post('plans')
  @Roles('supervisor')
  @ApiOperation({
    summary: "Preview a plan for the active orders of the supervisor's Bapas",
    description: 'Over a horizon of at most 366 days. Nothing is booked yet.',
  })
  @ApiCreatedResponse({ type: PlanResponse })
  @ApiProblems(400, 401, 403)
  planBapas(
    @CurrentUser() actor: AuthUser,
    @Body() dto: PlanBapasDto,
    @AcceptLanguage() language?: string,
  ): Promise<PlanResponse> {
    return this.planning.previewBapas(actor, dto, pickLocale(language));
  }

  @Get('plans/:id')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Read a plan', description: 'The preview, or the applied plan with what applying it did.' })
  @ApiOkResponse({ type: PlanResponse })
  @ApiProblems(400, 401, 403, 404)
  get(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @AcceptLanguage() language?: string,
  ): Promise<PlanResponse> {
    return this.planning.get(actor, id, pickLocale(language));
  }

  /** Makes the preview's moves and bookings once; each one refused since the preview is listed with its reason. */
  @Post('plans/:id/apply')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: "Apply a plan's moves and bookings, once",
    description:
      'Each through the booking rules; a proposal refused since the preview is listed with its reason. ' +
      '409 when applied already or expired.',
  })
  @ApiOkResponse({ type: PlanResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  apply(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @AcceptLanguage() language?: string,
  ): Promise<PlanResponse> {
    return this.applier.apply(actor, id, pickLocale(language));
  }
}
