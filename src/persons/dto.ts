import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageQuery, SearchText } from '../common/pagination.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDefinedWhenGiven, IsIndonesianPhone, IsLocalDate, IsLocalTime, IsNik } from '../common/validators.js';
import { LocationDto } from '../sites/dto.js';
import { RELIGIONS, type Religion } from './person.entity.js';

@ApiSchema({ name: 'UnavailableWindow' })
export class UnavailableWindowDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;
  @ApiProperty({ example: '07:00' }) @IsLocalTime() from: string;
  @ApiProperty({ example: '12:00' }) @IsLocalTime() to: string;
  @ApiPropertyOptional({ example: 'berjualan di pasar' }) @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class CreatePersonDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) fullName: string;
  @ApiProperty({ example: '8171012345670001', description: 'NIK, 16 digits' }) @IsNik() nik: string;
  @ApiProperty({ example: '1990-04-12' }) @IsLocalDate() birthDate: string;
  @ApiProperty({ enum: ['M', 'F'] }) @IsIn(['M', 'F']) sex: 'M' | 'F';
  @ApiPropertyOptional({ enum: RELIGIONS }) @IsOptional() @IsIn(RELIGIONS) religion?: Religion;
  @ApiPropertyOptional({ default: true, description: 'apply the default worship windows of R-24' })
  @IsOptional()
  @IsBoolean()
  worshipDefaults?: boolean;
  @ApiPropertyOptional({ example: '081234567890' }) @IsOptional() @IsIndonesianPhone() phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  home?: LocationDto;
  @ApiPropertyOptional({ type: [UnavailableWindowDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => UnavailableWindowDto)
  unavailable?: UnavailableWindowDto[];
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() inSchool?: boolean;
  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id' }) @IsOptional() @IsIn(['id', 'en']) locale?: 'id' | 'en';
}

export class DeclareConflictDto {
  @ApiProperty({ format: 'uuid', description: 'the user who is related to the person' }) @IsUUID() userId: string;
  @ApiProperty({ example: 'saudara kandung' }) @IsString() @IsNotEmpty() @MaxLength(200) relation: string;
}

/**
 * What changes in a person's life after registration: phone, address, home, windows, school, language, faith.
 * `null` clears what a person may lack (religion, phone, address, home); the others can't be cleared (400).
 */
export class UpdatePersonDto {
  @ApiPropertyOptional({ type: 'string', enum: [...RELIGIONS, null], nullable: true })
  @IsOptional()
  @IsIn(RELIGIONS)
  religion?: Religion | null;
  @ApiPropertyOptional() @IsDefinedWhenGiven() @IsBoolean() worshipDefaults?: boolean;
  @ApiPropertyOptional({ type: String, example: '081234567890', nullable: true })
  @IsOptional()
  @IsIndonesianPhone()
  phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(300) address?:
    string | null;
  @ApiPropertyOptional({ type: LocationDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  home?: LocationDto | null;
  @ApiPropertyOptional({ type: [UnavailableWindowDto] })
  @IsDefinedWhenGiven()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => UnavailableWindowDto)
  unavailable?: UnavailableWindowDto[];
  @ApiPropertyOptional() @IsDefinedWhenGiven() @IsBoolean() inSchool?: boolean;
  @ApiPropertyOptional({ enum: ['id', 'en'] }) @IsDefinedWhenGiven() @IsIn(['id', 'en']) locale?: 'id' | 'en';
}

export class PersonSearchQuery extends PageQuery {
  @SearchText("part of the person's name or of a case number of their orders", 'Yohanis') q?: string;
}
