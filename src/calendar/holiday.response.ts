import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import type { Holiday } from './calendar.service.js';

@ApiSchema({ name: 'Holiday', description: 'A day no shift may fall on unless opened for a site (R-23)' })
export class HolidayResponse implements Holiday {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: 'ID-MA', description: "'' for the whole country, else the ISO 3166-2 province code" }) region: string;
  @ApiProperty({ enum: ['national', 'cuti_bersama', 'regional'] }) kind: string;
  @ApiProperty() name: string;
}

export class HolidayPage extends PageOf(HolidayResponse) {}
