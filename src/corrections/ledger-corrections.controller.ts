import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { LedgerEntryResponse } from '../ledger/ledger-entry.response.js';
import { ReversalDto } from './dto.js';
import { LedgerCorrectionsService } from './ledger-corrections.service.js';

@ApiTags('orders')
@Controller('orders')
export class LedgerCorrectionsController {
  constructor(private readonly corrections: LedgerCorrectionsService) {}

  /** signed credits are never edited; a reversal entry takes back all or part of one, with a reason. */
  @Post(':id/ledger/:entryId/reversal')
  @Roles('supervisor')
  @ApiOperation({
    operationId: 'Orders_reverse',
    summary: 'Take back all or part of a credit',
    description:
      'R-14: a new reversal entry; an order it had completed is active again. ' +
      '409 when the entry is not a credit or was reversed.',
  })
  @ApiCreatedResponse({ type: LedgerEntryResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  reverse(
    @CurrentUser() actor: AuthUser,
    @IdParam('id') id: string,
    @IdParam('entryId') entryId: string,
    @Body() dto: ReversalDto,
  ): Promise<LedgerEntryResponse> {
    return this.corrections.reverse(actor, id, entryId, dto);
  }
}
