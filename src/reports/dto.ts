import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import { IsMonth } from '../common/validators.js';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { MONTH_PATTERN, REPORT_FORMATS, type ReportFormat } from './report.rules.js';

export class MonthlyReportQuery {
  @ApiProperty({ format: 'uuid', description: 'a Kejari, a Bapas or an OPD' })
  @IsUUID()
  agencyId: string;

  @ApiProperty({ example: '2026-11', pattern: MONTH_PATTERN.source })
  @IsMonth()
  month: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'pdf' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format: ReportFormat = 'pdf';
}

@ApiSchema({ name: 'ExportRecord', description: 'A download of a report (R-30)' })
export class ExportRecordDto {
  @ApiProperty({ format: 'uuid', description: 'also printed on the document as its number' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ['completion_report', 'monthly_report', 'subject_access'] }) kind: string;
  @ApiProperty({ enum: [...REPORT_FORMATS, 'json'] }) format: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) agencyId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orderId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the person of a subject-access export' })
  personId: string | null;
  @ApiProperty({ type: String, example: '2026-11', nullable: true }) month: string | null;
  @ApiProperty({ type: 'integer', description: 'how many persons the file names (R-30)' }) personCount: number;
}

@ApiSchema({ name: 'ExportPage' })
export class ExportPageDto extends PageOf(ExportRecordDto) {}
