import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { PageQuery } from '../common/pagination.js';
import { ParseIdPipe } from '../common/validation.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { CreateOrderDto, OrderListQuery, ReversalDto } from './dto.js';
import { LedgerCorrectionsService } from './ledger-corrections.service.js';
import { OrdersService } from './orders.service.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly ledger: LedgerService,
    private readonly corrections: LedgerCorrectionsService,
  ) {}

  @Post()
  @Roles('supervisor')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateOrderDto) {
    return this.orders.create(actor, dto);
  }

  @Get()
  @Roles('supervisor', 'prosecutor')
  list(@CurrentUser() user: AuthUser, @Query() query: OrderListQuery) {
    return this.orders.list(user, query);
  }

  @Get(':id')
  @Roles('supervisor', 'prosecutor')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.orders.get(user, id);
  }

  /** signed credits are never edited; a reversal entry takes back all or part of one, with a reason. */
  @Post(':id/ledger/:entryId/reversal')
  @Roles('supervisor')
  reverse(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('entryId', ParseIdPipe) entryId: string,
    @Body() dto: ReversalDto,
  ) {
    return this.corrections.reverse(actor, id, entryId, dto);
  }

  @Get(':id/ledger')
  @Roles('supervisor', 'prosecutor')
  async ledgerOf(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() query: PageQuery) {
    await this.orders.get(user, id);
    return this.ledger.list(id, query);
  }
}
