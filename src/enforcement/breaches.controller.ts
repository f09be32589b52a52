import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ParseIdPipe } from '../common/validation.js';
import { BreachesService } from './breaches.service.js';
import { BreachDecisionDto, BreachListQuery, ReportBreachDto } from './dto.js';

@ApiTags('enforcement')
@ApiBearerAuth()
@Controller()
export class BreachesController {
  constructor(private readonly breaches: BreachesService) {}

  @Get('breaches')
  @Roles('supervisor', 'prosecutor', 'admin')
  @ApiOperation({ summary: 'Breach reports in your scope (R-26)' })
  list(@CurrentUser() user: AuthUser, @Query() query: BreachListQuery) {
    return this.breaches.list(user, query);
  }

  @Post('orders/:id/breaches')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Report a breach of an order to its prosecutor (R-08); the order stops taking bookings' })
  report(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() dto: ReportBreachDto) {
    return this.breaches.reportBySupervisor(user, id, dto.reason);
  }

  @Get('breaches/:id')
  @Roles('supervisor', 'prosecutor', 'admin')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.breaches.get(user, id);
  }

  @Post('breaches/:id/decision')
  @Roles('prosecutor')
  @HttpCode(200)
  @ApiOperation({ summary: 'The prosecutor\'s decision under Art. 85(7): repeat, prison, fine, or dismissal' })
  decide(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() dto: BreachDecisionDto) {
    return this.breaches.decide(user, id, dto);
  }
}
