import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { PageQuery } from '../common/pagination.js';
import { IdParam } from '../common/validation.js';
import { LedgerEntryPage } from '../ledger/ledger-entry.response.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { CreateOrderDto, OrderListQuery } from './dto.js';
import { OrderPage, OrderResponse } from './order.response.js';
import { OrdersService } from './orders.service.js';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly ledger: LedgerService,
  ) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Register a court order',
    description: 'Checked against R-01 to R-04, R-06 and R-10; the order starts `active`.',
  })
  @ApiCreatedResponse({ type: OrderResponse })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateOrderDto): Promise<OrderResponse> {
    return this.orders.create(actor, dto);
  }

  @Get()
  @Roles('supervisor', 'prosecutor')
  @ApiOperation({ summary: "List the orders of the caller's Bapas or Kejari", description: 'Newest first.' })
  @ApiOkResponse({ type: OrderPage })
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: OrderListQuery): Promise<OrderPage> {
    return this.orders.list(user, query);
  }

  @Get(':id')
  @Roles('supervisor', 'prosecutor')
  @ApiOperation({ summary: 'Read an order with its progress' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<OrderResponse> {
    return this.orders.get(user, id);
  }

  @Get(':id/ledger')
  @Roles('supervisor', 'prosecutor')
  @ApiOperation({ summary: "An order's ledger", description: 'Credits and reversals, oldest first.' })
  @ApiOkResponse({ type: LedgerEntryPage })
  @ApiProblems(400, 401, 403, 404)
  async ledgerOf(
    @CurrentUser() user: AuthUser,
    @IdParam('id') id: string,
    @Query() query: PageQuery,
  ): Promise<LedgerEntryPage> {
    await this.orders.get(user, id);
    return this.ledger.list(id, query);
  }
}
