import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { PageQuery, SearchText } from '../common/pagination.js';
import {
  IsObject,
  IsNumber,
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDefinedWhenGiven, IsLocalDate, IsTimeZone } from '../common/validators.js';

@ApiSchema({ name: 'Location' })
export class LocationDto {
  @ApiProperty({ example: -3.6954 }) @IsNumber() @IsLatitude() lat: number;
  @ApiProperty({ example: 128.1814 }) @IsNumber() @IsLongitude() lng: number;
}

export class CreateSiteDto {
  @ApiProperty({ example: 'Pasukan Kuning Pasar Mardika' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ format: 'uuid', description: 'the host agency (an OPD)' }) @IsUUID() agencyId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() agreementId: string;
  @ApiProperty({ example: 'street_cleaning' }) @IsString() @IsNotEmpty() @MaxLength(80) workType: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) address: string;
  @ApiProperty({ type: LocationDto }) @IsObject() @ValidateNested() @Type(() => LocationDto) location: LocationDto;
  @ApiProperty({ example: 150 }) @IsInt() @Min(10) @Max(10000) radiusMeters: number;
  @ApiProperty({ example: 'Asia/Jayapura' }) @IsTimeZone() timezone: string;
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(100) defaultCapacity: number;
  @ApiProperty() @IsBoolean() minorsAllowed: boolean;
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(50)
  coordinatorIds: string[];
}

/**
 * What an administrator may correct on a site: any of these, at least one. The host agency and the time zone stay:
 * shifts are stored in the site's local time, so a new zone would silently move every shift.
 */
export class UpdateSiteDto {
  @ApiPropertyOptional() @IsDefinedWhenGiven() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: 'street_cleaning' })
  @IsDefinedWhenGiven()
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  workType?: string;
  @ApiPropertyOptional() @IsDefinedWhenGiven() @IsString() @IsNotEmpty() @MaxLength(300) address?: string;
  @ApiPropertyOptional({ type: LocationDto })
  @IsDefinedWhenGiven()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;
  @ApiPropertyOptional({ example: 150 }) @IsDefinedWhenGiven() @IsInt() @Min(10) @Max(10000) radiusMeters?: number;
  @ApiPropertyOptional({ example: 10 }) @IsDefinedWhenGiven() @IsInt() @Min(1) @Max(100) defaultCapacity?: number;
  @ApiPropertyOptional() @IsDefinedWhenGiven() @IsBoolean() minorsAllowed?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'a renewed agreement (PKS); it must cover the host agency' })
  @IsDefinedWhenGiven()
  @IsUUID()
  agreementId?: string;
}

export class OpenDateDto {
  @ApiProperty({ example: '2026-12-24' }) @IsLocalDate() date: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class SiteListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'only the sites this agency hosts' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @SearchText("part of the site's name or address", 'Pantai') q?: string;
}
