import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import type { CalendarYear, Holiday } from './calendar.service.js';

@ApiSchema({ name: 'Holiday', description: 'A day no shift may fall on unless opened for a site (R-23)' })
export class HolidayResponse implements Holiday {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: 'ID-MA', description: "'' for the whole country, else the ISO 3166-2 province code" })
  region: string;
  @ApiProperty({ enum: ['national', 'cuti_bersama', 'regional'] }) kind: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({
    description: 'true in a year whose joint decree is not loaded: the fixed-date holiday, the decree may move it',
  })
  provisional?: boolean;
}

export class HolidayPage extends PageOf(HolidayResponse) {}

@ApiSchema({
  name: 'CalendarYear',
  description: 'A year of the holiday calendar: official once its joint decree (SKB) is loaded',
})
export class CalendarYearResponse implements CalendarYear {
  @ApiProperty({ type: 'integer', example: 2027 }) year: number;
  @ApiProperty() official: boolean;
  @ApiProperty() source: string;
  @ApiProperty() loadedAt: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null when loaded from config/holidays' })
  loadedBy: string | null;
}

export class CalendarYearPage extends PageOf(CalendarYearResponse) {}
