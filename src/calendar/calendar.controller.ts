import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IsLocalDate } from '../common/validators.js';
import { CalendarService } from './calendar.service.js';

class HolidayQuery {
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsLocalDate() from: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsLocalDate() to: string;
  @ApiPropertyOptional({ example: 'ID-MA' }) @IsOptional() @IsString() @Matches(/^ID-[A-Z]{2}$/) region?: string;
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('holidays')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  async list(@Query() query: HolidayQuery) {
    const items = await this.calendar.list(query.from, query.to, query.region);
    return { items, total: items.length };
  }
}
