import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { IsLocalDate, IsLocalTime } from '../common/validators.js';

export class CreateShiftDto {
  @ApiProperty({ example: '2026-12-01', description: "the site's local date" }) @IsLocalDate() date: string;
  @ApiProperty({ example: '07:00', description: "the site's local time" }) @IsLocalTime() start: string;
  @ApiProperty({ example: '11:00' }) @IsLocalTime() end: string;
  @ApiPropertyOptional({ type: 'integer', default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(240) breakMinutes?: number;
  @ApiPropertyOptional({ type: 'integer', description: "defaults to the site's capacity" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  capacity?: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'one of the site coordinators' }) @IsOptional() @IsUUID() coordinatorId?: string;
}

export class ShiftRangeQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsLocalDate() to?: string;
}
