import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import type { ShiftView } from './shifts.service.js';

@ApiSchema({ name: 'Shift', description: "A session of work at a site, in the site's local date and time (R-22)" })
export class ShiftResponse implements ShiftView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: '07:00', pattern: '^\\d{2}:\\d{2}$' }) start: string;
  @ApiProperty({ example: '11:00', pattern: '^\\d{2}:\\d{2}$' }) end: string;
  @ApiProperty({ type: 'integer' }) breakMinutes: number;
  @ApiProperty({ type: 'integer' }) capacity: number;
  @ApiProperty({ type: 'integer' }) bookedCount: number;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty({ type: 'integer', description: 'end − start − break' }) plannedMinutes: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) coordinatorId: string | null;
}

export class ShiftPage extends PageOf(ShiftResponse) {}
