import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { badRequest } from '../common/domain-error.js';
import { isLocalDate } from '../common/validators.js';
import { CalendarService } from './calendar.service.js';
import { HolidayQuery, HolidayYearDto, MoveHolidayDto, NewHolidayDto, RegionQuery, YearParam } from './dto.js';

/** A date in the path: 400 naming it when it is not one. */
function pathDate(date: string): string {
  if (!isLocalDate(date)) throw badRequest([{ field: 'date', code: 'validation.isLocalDate' }]);
  return date;
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('holidays')
  async list(@Query() query: HolidayQuery) {
    const items = await this.calendar.list(query.from, query.to, query.region);
    return { items, total: items.length };
  }

  @Post('holidays')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a holiday (R-23), e.g. a regional one or one decided after the joint decree' })
  add(@CurrentUser() actor: AuthUser, @Body() dto: NewHolidayDto) {
    return this.calendar.addHoliday(actor, dto);
  }

  @Post('holidays/:date/move')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a holiday to another date by official decision' })
  move(@CurrentUser() actor: AuthUser, @Param('date') date: string, @Body() dto: MoveHolidayDto) {
    return this.calendar.moveHoliday(actor, pathDate(date), dto.region ?? '', dto.to);
  }

  @Delete('holidays/:date')
  @Roles('admin')
  @HttpCode(200)
  remove(@CurrentUser() actor: AuthUser, @Param('date') date: string, @Query() query: RegionQuery) {
    return this.calendar.removeHoliday(actor, pathDate(date), query.region ?? '');
  }

  @Get('holiday-years')
  @ApiOperation({ summary: 'Which years have their official calendar; the others have only the fixed-date holidays' })
  async years() {
    const items = await this.calendar.years();
    return { items, total: items.length };
  }

  @Put('holiday-years/:year')
  @Roles('admin')
  @ApiOperation({ summary: 'Load a year\'s joint decree (SKB): it replaces the year\'s holidays and makes the calendar official' })
  loadYear(@CurrentUser() actor: AuthUser, @Param() { year }: YearParam, @Body() dto: HolidayYearDto) {
    return this.calendar.loadYear(actor, year, { year, source: dto.source, national: dto.national, cutiBersama: dto.cutiBersama, regional: dto.regional ?? {} });
  }
}
