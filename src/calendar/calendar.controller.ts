import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ApiProblems } from '../common/openapi.js';
import { IsLocalDate } from '../common/validators.js';
import { CalendarService } from './calendar.service.js';
import { HolidayPage } from './holiday.response.js';

class HolidayQuery {
  @ApiProperty({ format: 'date', example: '2026-01-01' }) @IsLocalDate() from: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) @IsLocalDate() to: string;
  @ApiPropertyOptional({ example: 'ID-MA' }) @IsOptional() @IsString() @Matches(/^ID-[A-Z]{2}$/) region?: string;
}

@ApiTags('calendar')
@Controller('holidays')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @ApiOperation({
    summary: 'Holidays between two dates',
    description: "National ones and cuti bersama, with the region's own when asked (R-23).",
  })
  @ApiOkResponse({ type: HolidayPage })
  @ApiProblems(400, 401)
  async list(@Query() query: HolidayQuery): Promise<HolidayPage> {
    const items = await this.calendar.list(query.from, query.to, query.region);
    return { items, total: items.length };
  }
}
