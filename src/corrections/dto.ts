import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ReversalDto {
  @ApiProperty({ example: 'Salah hitung: istirahat 30 menit belum dipotong' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
  @ApiPropertyOptional({ type: 'integer', description: 'minutes to take back; the whole credit when left out' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(480)
  minutes?: number;
}
