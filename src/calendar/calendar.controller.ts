import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { badRequest } from '../common/domain-error.js';
import { ApiProblems } from '../common/openapi.js';
import { isLocalDate } from '../common/validators.js';
import { CalendarService } from './calendar.service.js';
import { HolidayQuery, HolidayYearDto, MoveHolidayDto, NewHolidayDto, RegionQuery, YearParam } from './dto.js';
import { CalendarYearPage, CalendarYearResponse, HolidayPage, HolidayResponse } from './holiday.response.js';

/** A date in the path: 400 naming it when it is not one. */
function pathDate(date: string): string {
  if (!isLocalDate(date)) throw badRequest([{ field: 'date', code: 'validation.isLocalDate' }]);
  return date;
}

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('holidays')
  @ApiOperation({
    summary: 'Holidays between two dates',
    description:
      "National ones and cuti bersama, with the region's own when asked (R-23); `provisional` in a year without its decree.",
  })
  @ApiOkResponse({ type: HolidayPage })
  @ApiProblems(400, 401)
  async list(@Query() query: HolidayQuery): Promise<HolidayPage> {
    const items = await this.calendar.list(query.from, query.to, query.region);
    return { items, total: items.length };
  }

  @Post('holidays')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a holiday (R-23), e.g. a regional one or one decided after the joint decree' })
  @ApiCreatedResponse({ type: HolidayResponse })
  @ApiProblems(400, 401, 403, 409)
  add(@CurrentUser() actor: AuthUser, @Body() dto: NewHolidayDto): Promise<HolidayResponse> {
    return this.calendar.addHoliday(actor, dto);
  }

  @Post('holidays/:date/move')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a holiday to another date by official decision' })
  @ApiParam({ name: 'date', format: 'date' })
  @ApiOkResponse({ type: HolidayResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  move(
    @CurrentUser() actor: AuthUser,
    @Param('date') date: string,
    @Body() dto: MoveHolidayDto,
  ): Promise<HolidayResponse> {
    return this.calendar.moveHoliday(actor, pathDate(date), dto.region ?? '', dto.to);
  }

  @Delete('holidays/:date')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a holiday', description: 'The national one, or with `region` a regional one.' })
  @ApiParam({ name: 'date', format: 'date' })
  @ApiOkResponse({ type: HolidayResponse })
  @ApiProblems(400, 401, 403, 404)
  remove(
    @CurrentUser() actor: AuthUser,
    @Param('date') date: string,
    @Query() query: RegionQuery,
  ): Promise<HolidayResponse> {
    return this.calendar.removeHoliday(actor, pathDate(date), query.region ?? '');
  }

  @Get('holiday-years')
  @ApiOperation({ summary: 'Which years have their official calendar; the others have only the fixed-date holidays' })
  @ApiOkResponse({ type: CalendarYearPage })
  @ApiProblems(401)
  async years(): Promise<CalendarYearPage> {
    const items = await this.calendar.years();
    return { items, total: items.length };
  }

  @Put('holiday-years/:year')
  @Roles('admin')
  @ApiOperation({
    summary: "Load a year's joint decree (SKB): it replaces the year's holidays and makes the calendar official",
  })
  @ApiOkResponse({ type: CalendarYearResponse })
  @ApiProblems(400, 401, 403)
  loadYear(
    @CurrentUser() actor: AuthUser,
    @Param() { year }: YearParam,
    @Body() dto: HolidayYearDto,
  ): Promise<CalendarYearResponse> {
    return this.calendar.loadYear(actor, year, {
      year,
      source: dto.source,
      national: dto.national,
      cutiBersama: dto.cutiBersama,
      regional: dto.regional ?? {},
    });
  }
}
