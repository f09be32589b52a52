import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems, ProblemDto } from '../common/problem.docs.js';
import { ParseIdPipe } from '../common/validation.js';
import { MyShiftsQuery, ShiftAtSitePage, ShiftAtSiteResponse } from './dto.js';
import { ShiftsService } from './shifts.service.js';

@ApiTags('shifts')
@ApiBearerAuth()
@ApiExtraModels(ProblemDto)
@Controller('shifts')
export class MyShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  /** The coordinator's "today and the next days": the shifts at my sites, with how many are booked. */
  @Get()
  @Roles('coordinator')
  @ApiOkResponse({ type: ShiftAtSitePage })
  @ApiProblems(400, 401, 403)
  mine(@CurrentUser() user: AuthUser, @Query() query: MyShiftsQuery) {
    return this.shifts.forCoordinator(user, query);
  }

  @Get(':id')
  @Roles('coordinator', 'supervisor', 'admin')
  @ApiOkResponse({ type: ShiftAtSiteResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.shifts.get(user, id);
  }
}
