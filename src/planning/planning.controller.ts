import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { pickLocale } from '../common/messages.js';
import { ParseIdPipe } from '../common/validation.js';
import { PlanBapasDto, PlanOrderDto } from './dto.js';
import { PlanApplier } from './plan-applier.js';
import { PlanningService } from './planning.service.js';

@ApiTags('planning')
@ApiBearerAuth()
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
  planOrder(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: PlanOrderDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.planning.previewOrder(actor, id, dto, pickLocale(language));
  }

  /** A preview for the active orders of the supervisor's Bapas over a horizon. Nothing is booked yet. */
  @Post('plans')
  @Roles('supervisor')
  planBapas(@CurrentUser() actor: AuthUser, @Body() dto: PlanBapasDto, @Headers('accept-language') language?: string) {
    return this.planning.previewBapas(actor, dto, pickLocale(language));
  }

  @Get('plans/:id')
  @Roles('supervisor')
  get(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Headers('accept-language') language?: string) {
    return this.planning.get(actor, id, pickLocale(language));
  }

  /** Makes the preview's moves and bookings once; each one refused since the preview is listed with its reason. */
  @Post('plans/:id/apply')
  @HttpCode(200)
  @Roles('supervisor')
  apply(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Headers('accept-language') language?: string) {
    return this.applier.apply(actor, id, pickLocale(language));
  }
}
