import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ParseIdPipe } from '../common/validation.js';
import { CreateShiftDto, ShiftRangeQuery } from './dto.js';
import { ShiftsService } from './shifts.service.js';

@ApiTags('shifts')
@ApiBearerAuth()
@Controller('sites/:siteId/shifts')
export class ShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  @Post()
  @Roles('supervisor', 'admin')
  create(@CurrentUser() actor: AuthUser, @Param('siteId', ParseIdPipe) siteId: string, @Body() dto: CreateShiftDto) {
    return this.shifts.create(actor, siteId, dto);
  }

  @Get()
  @Roles('supervisor', 'coordinator', 'admin')
  list(@CurrentUser() user: AuthUser, @Param('siteId', ParseIdPipe) siteId: string, @Query() query: ShiftRangeQuery) {
    return this.shifts.list(user, siteId, query);
  }
}
