import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { Clock } from '../common/clock.js';
import { ApiProblems } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CONTENT_TYPES } from '../reports/report.rules.js';
import { ReviewDto, SignalQuery, SummaryQuery } from './dto.js';
import { RegionalSummaryDto, ScanDto, SignalDetailDto, SignalPageDto, TrailPageDto } from './oversight.response.js';
import { OversightService } from './oversight.service.js';
import { SignalScan } from './signal-scan.service.js';
import { summaryWorkbook } from './summary-workbook.js';

const XLSX = CONTENT_TYPES.xlsx;

@ApiTags('oversight')
@Controller('oversight')
export class OversightController {
  constructor(
    private readonly oversight: OversightService,
    private readonly scan: SignalScan,
    private readonly clock: Clock,
  ) {}

  @Get('summary')
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary: "The region's Bapas over one month (R-29), as JSON or XLSX",
    description:
      "Per Bapas of the Kanwil's region (every Bapas for an administrator), in its local month: orders started, " +
      'completed, breached and closed; minutes required (running orders) and credited (net of reversals); the share ' +
      'completed by the end date; absence and breach rates; the median and 90th percentile of the minutes from the ' +
      "coordinator's confirmation to the supervisor's sign-off; and the worklists open now. Aggregates only.",
  })
  @ApiExtraModels(RegionalSummaryDto)
  @ApiOkResponse({
    description: 'JSON, or the workbook with `format=xlsx`',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(RegionalSummaryDto) } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems([400, 'a bad month (validation.isMonth) or format'], 401, [403, 'not oversight nor admin'])
  async summary(
    @CurrentUser() user: AuthUser,
    @Query() query: SummaryQuery,
  ): Promise<RegionalSummaryDto | StreamableFile> {
    const summary = await this.oversight.summary(user, query.month);
    if (query.format === 'json') return summary;
    const body = await summaryWorkbook(summary, this.clock.now());
    return new StreamableFile(body, {
      type: XLSX,
      disposition: `attachment; filename="ringkasan-wilayah-${query.month}.xlsx"`,
      length: body.length,
    });
  }

  @Get('signals')
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary: "The region's misuse signals (R-29), open first",
    description: 'Filter by status and kind. The list names nobody: open a signal to see its evidence.',
  })
  @ApiOkResponse({ type: SignalPageDto })
  @ApiProblems([400, 'a bad status, kind, limit or offset'], 401, [403, 'not oversight nor admin'])
  list(@CurrentUser() user: AuthUser, @Query() query: SignalQuery): Promise<SignalPageDto> {
    return this.oversight.list(user, query);
  }

  @Post('signals/scan')
  @HttpCode(200)
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary: 'Run the misuse scan now (it also runs nightly)',
    description:
      'Idempotent: a signal is keyed by its kind and the occurrence it is about, so a known occurrence is left as it ' +
      'is (a reviewed signal stays reviewed) and only a new one opens a signal.',
  })
  @ApiOkResponse({ type: ScanDto })
  @ApiProblems(401, [403, 'not oversight nor admin'])
  async runScan(@CurrentUser() user: AuthUser): Promise<ScanDto> {
    return (await this.scan.run(user.id, { wait: true }))!;
  }

  @Get('signals/:id')
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary: 'A misuse signal with its evidence (audited)',
    description:
      'The rule, what was measured against its threshold, the records it points at, and where it is about an order the ' +
      "case number and the person's name (never NIK nor religion, R-30). Each look is an audit event.",
  })
  @ApiOkResponse({ type: SignalDetailDto })
  @ApiProblems(
    [400, 'the id is not a UUID'],
    401,
    [403, 'not oversight nor admin'],
    [404, 'no such signal in your region'],
  )
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<SignalDetailDto> {
    return this.oversight.get(user, id);
  }

  @Get('signals/:id/trail')
  @Roles('oversight', 'admin')
  @ApiOperation({
    summary: "The audit trail of a signal's evidence records (audited)",
    description: 'Who did what to each record, oldest first, without the before and after values.',
  })
  @ApiOkResponse({ type: TrailPageDto })
  @ApiProblems(
    [400, 'the id is not a UUID'],
    401,
    [403, 'not oversight nor admin'],
    [404, 'no such signal in your region'],
  )
  trail(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<TrailPageDto> {
    return this.oversight.trail(user, id);
  }

  @Post('signals/:id/review')
  @HttpCode(200)
  @Roles('oversight')
  @ApiOperation({
    summary: "The compliance officer's review of a signal, with a note (audited)",
    description: 'Written once: a scan run again leaves the review as it is.',
  })
  @ApiOkResponse({ type: SignalDetailDto })
  @ApiProblems(
    [400, 'the id is not a UUID, or no note'],
    401,
    [403, 'not oversight'],
    [404, 'no such signal in your region'],
    [409, 'already reviewed (oversight.already_reviewed)'],
  )
  review(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() dto: ReviewDto): Promise<SignalDetailDto> {
    return this.oversight.review(user, id, dto.note);
  }
}
