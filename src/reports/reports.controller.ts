import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { ApiProblems } from '../common/openapi.js';
import { PageQuery } from '../common/pagination.js';
import { IdParam } from '../common/validation.js';
import { ExportPageDto, MonthlyReportQuery } from './dto.js';
import { ExportLog } from './export-log.service.js';
import { CONTENT_TYPES } from './report.rules.js';
import { ReportFile, ReportsService } from './reports.service.js';

const binary = { schema: { type: 'string', format: 'binary' } };
/** The media type as a response's Content-Type names it, without its parameters. */
const media = (format: keyof typeof CONTENT_TYPES) => CONTENT_TYPES[format].split(';')[0];

function download(file: ReportFile): StreamableFile {
  return new StreamableFile(file.body, {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
    length: file.body.length,
  });
}

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: ExportLog,
  ) {}

  @Get('orders/:id/completion-report')
  @Roles('supervisor', 'prosecutor')
  @ApiOperation({
    summary: 'The berita acara of a completed order (PDF, Indonesian)',
    description:
      'R-16: the case, the person (name and case number, no NIK), the terms, every credited shift with who confirmed and who ' +
      "signed it, the total, a fresh signed audit checkpoint (R-28; also in the PDF's Keywords as JSON, for " +
      'POST /audit-events/checkpoints/verify) and places for signatures. Logged in the export log (R-30).',
  })
  @ApiProduces(media('pdf'))
  @ApiOkResponse({ description: 'the PDF', content: { [media('pdf')]: binary } })
  @ApiProblems(
    [400, 'the id is not a UUID'],
    401,
    [403, "not the order's Bapas or Kejari (R-26)"],
    [404, 'no such order'],
    [409, 'the order is not completed (report.order_not_completed)'],
  )
  async completionReport(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<StreamableFile> {
    return download(await this.reports.completionReport(user, id));
  }

  @Get('reports/monthly')
  @Roles('prosecutor', 'supervisor', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'The monthly report of a Kejari, a Bapas or an OPD (PDF, XLSX or CSV, Indonesian)',
    description:
      "R-09. A Kejari or a Bapas: its orders' status counts, hours required, credited and remaining, absences and breach " +
      'reports recorded in the month, orders at risk. An OPD: per site, the shifts with work, persons, confirmed and ' +
      "credited minutes on the month's dates. The PDF and the XLSX carry the latest audit checkpoint; the CSV is the main " +
      "table. Prosecutors read their Kejari's, supervisors their Bapas's, coordinators their OPD's (R-26). Logged (R-30).",
  })
  @ApiProduces(media('pdf'), media('xlsx'), media('csv'))
  @ApiOkResponse({
    description: 'the file, as asked by `format`',
    content: { [media('pdf')]: binary, [media('xlsx')]: binary, [media('csv')]: { schema: { type: 'string' } } },
  })
  @ApiProblems(
    [
      400,
      'a bad agencyId, month (validation.isMonth, report.month_in_future) or format; an agency with no monthly report',
    ],
    401,
    [403, "another agency's report, or not the role that agency's report is for (R-26)"],
  )
  async monthly(@CurrentUser() user: AuthUser, @Query() query: MonthlyReportQuery): Promise<StreamableFile> {
    return download(await this.reports.monthlyReport(user, query));
  }

  @Get('exports')
  @Roles('admin')
  @ApiOperation({
    summary: 'The export log (R-30): every download, newest first',
    description: 'Who, what (kind, format, agency or order, month), when, and how many persons the file names.',
  })
  @ApiOkResponse({ type: ExportPageDto })
  @ApiProblems([400, 'a bad limit or offset'], 401, [403, 'admins only'])
  list(@Query() query: PageQuery): Promise<ExportPageDto> {
    return this.exports.list(query.limit, query.offset);
  }
}
