import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsBoolean,
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
import { IsIsoInstant } from '../common/validators.js';
import { LocationDto } from '../sites/dto.js';

export class BookDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() orderId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() shiftId: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
}

export class CheckInDto {
  @ApiPropertyOptional({ description: 'when it happened (defaults to now); may be late, never in the future' })
  @IsOptional()
  @IsIsoInstant()
  at?: string;
  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;
}

export class CheckOutDto extends CheckInDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'time not worked (sent home, long absence from the task)',
    default: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(480)
  penaltyMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class SignOffDto {
  @ApiPropertyOptional({ type: 'integer', description: 'defaults to the confirmed minutes; lower only with a note' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(480)
  creditedMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class AbsenceDecisionDto extends ReasonDto {
  @ApiProperty() @IsBoolean() excused: boolean;
}

export class ShiftSignOffItemResponse {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ example: 'Yusuf Wally' }) personName: string;
  @ApiProperty({ enum: ['credited', 'refused'] }) outcome: 'credited' | 'refused';
  @ApiProperty({ type: 'integer', nullable: true, example: 180 }) creditedMinutes: number | null;
  @ApiProperty({ type: String, nullable: true, description: "why it was refused, in the caller's language" }) message:
    string | null;
}

export class ShiftSignOffResponse {
  @ApiProperty({ type: [ShiftSignOffItemResponse] }) items: ShiftSignOffItemResponse[];
}
