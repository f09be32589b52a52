import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CreateShiftDto, ShiftRangeQuery } from './dto.js';
import { ShiftPage, ShiftResponse } from './shift.response.js';
import { ShiftsService } from './shifts.service.js';

@ApiTags('shifts')
@Controller('sites/:siteId/shifts')
export class ShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  @Post()
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Add a shift to a site',
    description: "In the site's local date and time (R-22); 409 on a holiday not opened for the site (R-23).",
  })
  @ApiCreatedResponse({ type: ShiftResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  create(
    @CurrentUser() actor: AuthUser,
    @IdParam('siteId') siteId: string,
    @Body() dto: CreateShiftDto,
  ): Promise<ShiftResponse> {
    return this.shifts.create(actor, siteId, dto);
  }

  @Get()
  @Roles('supervisor', 'coordinator', 'admin')
  @ApiOperation({ summary: "A site's shifts", description: 'Between `from` and `to` (local dates), by start.' })
  @ApiOkResponse({ type: ShiftPage })
  @ApiProblems(400, 401, 403, 404)
  list(
    @CurrentUser() user: AuthUser,
    @IdParam('siteId') siteId: string,
    @Query() query: ShiftRangeQuery,
  ): Promise<ShiftPage> {
    return this.shifts.list(user, siteId, query);
  }
}
