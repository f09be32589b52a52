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
  @ApiPropertyOptional({ format: 'uuid', description: 'one of the site coordinators' })
  @IsOptional()
  @IsUUID()
  coordinatorId?: string;
}

export class ShiftRangeQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsLocalDate() to?: string;
}

/** A coordinator's days: both ends required, at most 31 days apart. */
export class MyShiftsQuery extends PageQuery {
  @ApiProperty({ example: '2026-12-01', description: "first local date (the sites' own dates)" })
  @IsLocalDate()
  from: string;
  @ApiProperty({ example: '2026-12-07', description: 'last local date, at most 31 days after `from`' })
  @IsLocalDate()
  to: string;
}

export class LocationResponse {
  @ApiProperty({ example: -3.6925 }) lat: number;
  @ApiProperty({ example: 128.1842 }) lng: number;
}

export class ShiftSiteResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Pasukan Kuning Pasar Mardika' }) name: string;
  @ApiProperty({ example: 'Jl. Pantai Mardika, Rijali, Sirimau, Kota Ambon' }) address: string;
  @ApiProperty({
    example: 'Asia/Jayapura',
    description: 'IANA zone: Asia/Jakarta = WIB, Asia/Makassar = WITA, Asia/Jayapura = WIT',
  })
  timezone: string;
  @ApiProperty({ type: LocationResponse }) location: LocationResponse;
  @ApiProperty({ example: 300 }) radiusMeters: number;
}

/** A shift with the site it is at, as a coordinator's day list and the roll-call's header show it. */
export class ShiftAtSiteResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: '2026-12-01', description: "the site's local date" }) date: string;
  @ApiProperty({ example: '07:00' }) start: string;
  @ApiProperty({ example: '11:00' }) end: string;
  @ApiProperty({ type: 'integer', example: 15 }) breakMinutes: number;
  @ApiProperty({ example: 12 }) capacity: number;
  @ApiProperty({ example: 5, description: 'people booked (cancelled bookings free their seat)' }) bookedCount: number;
  @ApiProperty({ format: 'date-time' }) startsAt: Date;
  @ApiProperty({ format: 'date-time' }) endsAt: Date;
  @ApiProperty({ type: 'integer', example: 225 }) plannedMinutes: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) coordinatorId: string | null;
  @ApiProperty({ type: ShiftSiteResponse }) site: ShiftSiteResponse;
}

export class ShiftAtSitePage {
  @ApiProperty({ type: [ShiftAtSiteResponse] }) items: ShiftAtSiteResponse[];
  @ApiProperty({ example: 3 }) total: number;
}
