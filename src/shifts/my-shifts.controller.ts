import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { MyShiftsQuery, ShiftAtSitePage, ShiftAtSiteResponse } from './dto.js';
import { ShiftsService } from './shifts.service.js';

@ApiTags('shifts')
@Controller('shifts')
export class MyShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  /** The coordinator's "today and the next days": the shifts at my sites, with how many are booked. */
  @Get()
  @Roles('coordinator')
  @ApiOperation({ summary: "The shifts at my sites (a coordinator's today and next days), with how many are booked" })
  @ApiOkResponse({ type: ShiftAtSitePage })
  @ApiProblems(400, 401, 403)
  mine(@CurrentUser() user: AuthUser, @Query() query: MyShiftsQuery) {
    return this.shifts.forCoordinator(user, query);
  }

  @Get(':id')
  @Roles('coordinator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'One shift with its roll-call: who is booked (names only, R-30) and their attendance' })
  @ApiOkResponse({ type: ShiftAtSiteResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string) {
    return this.shifts.get(user, id);
  }
}
