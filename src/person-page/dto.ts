import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

export class PersonLinkResponse {
  @ApiProperty({ description: 'signed, expiring; the only key to the person page' }) token: string;
  @ApiProperty({ example: '/saya/eyJ...', description: 'the web app page to send the person' }) path: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: Date;
}

export class AbsenceNoticeDto {
  @ApiProperty({ format: 'uuid', description: 'one of my next shifts' }) @IsUUID() assignmentId: string;
  @ApiProperty({ example: 'Anak saya sakit, harus ke puskesmas' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class AbsenceNoticeResponse {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

class OwnSiteResponse {
  @ApiProperty({ example: 'Pasukan Kuning Pasar Mardika' }) name: string;
  @ApiProperty({ example: 'Jl. Pantai Mardika, Rijali, Sirimau, Kota Ambon' }) address: string;
  @ApiProperty({ example: 'Asia/Jayapura' }) timezone: string;
}

class CoordinatorResponse {
  @ApiProperty({ example: 'Johny Souisa' }) fullName: string;
  @ApiProperty({ type: String, nullable: true, example: '081240001003' }) phone: string | null;
}

export class OwnShiftResponse {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ example: '2026-12-03' }) date: string;
  @ApiProperty({ format: 'date-time' }) startsAt: Date;
  @ApiProperty({ format: 'date-time' }) endsAt: Date;
  @ApiProperty({ type: OwnSiteResponse }) site: OwnSiteResponse;
  @ApiProperty({ type: CoordinatorResponse, nullable: true }) coordinator: CoordinatorResponse | null;
  @ApiProperty({ type: String, nullable: true, description: 'my notice that I cannot come, if given' }) notice:
    string | null;
}

export class OwnHoursResponse {
  @ApiProperty({ type: 'integer', example: 2400 }) requiredMinutes: number;
  @ApiProperty({ type: 'integer', example: 720 }) creditedMinutes: number;
  @ApiProperty({ type: 'integer', example: 1680 }) remainingMinutes: number;
  @ApiProperty({ example: '2027-05-01', description: 'the last day of my orders in force' }) endDate: string;
}

/** What a person sees of themselves, and nothing else. */
export class PersonPageResponse {
  @ApiProperty({ example: 'Yohanis Latuheru' }) fullName: string;
  @ApiProperty({ type: OwnHoursResponse, nullable: true, description: 'null when no order is in force' })
  hours: OwnHoursResponse | null;
  @ApiProperty({ type: [OwnShiftResponse] }) nextShifts: OwnShiftResponse[];
}
