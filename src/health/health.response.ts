import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'HealthCalendar' })
export class HealthCalendarResponse {
  @ApiProperty({
    type: 'integer',
    isArray: true,
    description: 'the years from this one on without their official holiday calendar (R-23)',
  })
  yearsWithoutOfficialCalendar: number[];
}

@ApiSchema({ name: 'Health' })
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ enum: ['up', 'down'] }) postgres: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis: 'up' | 'down';
  @ApiProperty({ type: 'integer', description: 'live workers (they may run in other processes)' }) workers: number;
  @ApiProperty({ type: HealthCalendarResponse }) calendar: HealthCalendarResponse;
}

@ApiSchema({ name: 'Liveness' })
export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ type: 'integer' }) uptimeSeconds: number;
}
