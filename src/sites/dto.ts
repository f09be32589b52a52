import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { PageQuery } from '../common/pagination.js';
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
import { IsLocalDate, IsTimeZone } from '../common/validators.js';

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

export class OpenDateDto {
  @ApiProperty({ example: '2026-12-24' }) @IsLocalDate() date: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class SiteListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agencyId?: string;
}
