import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AccessPolicy } from '../access/access.policy.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { notFound } from '../common/domain-error.js';
import { ApiProblems } from '../common/openapi.js';
import { PageQuery } from '../common/pagination.js';
import {
  AnchorVerdictResponse,
  AuditEventPage,
  CheckpointResponse,
  TrailVerdictResponse,
} from './audit-event.response.js';
import { AuditCheckpoints } from './audit-checkpoints.service.js';
import { AuditService } from './audit.service.js';
import { CheckpointDto } from './dto.js';
import { TrailVerification } from './trail-verification.js';

const ENTITY_TYPES = [
  'agency',
  'user',
  'agreement',
  'site',
  'shift',
  'person',
  'order',
  'assignment',
  'ledger_entry',
  'breach',
  'calendar',
] as const;

class VerifyQuery {
  @ApiPropertyOptional({ enum: ['start', 'latest-checkpoint'], default: 'start' })
  @IsOptional()
  @IsIn(['start', 'latest-checkpoint'])
  from?: 'start' | 'latest-checkpoint';
}

class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ENTITY_TYPES }) @IsOptional() @IsIn(ENTITY_TYPES) entityType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() entityId?: string;
}

@ApiTags('audit')
@Controller('audit-events')
export class AuditTrailController {
  constructor(
    private readonly audit: AuditService,
    private readonly verification: TrailVerification,
    private readonly checkpoints: AuditCheckpoints,
    private readonly access: AccessPolicy,
  ) {}

  /** oldest first. Admins see all; supervisors and prosecutors one entity in their scope at a time. */
  @Get()
  @Roles('admin', 'supervisor', 'prosecutor')
  @ApiOperation({
    summary: 'Audit events, oldest first',
    description:
      'R-25. Admins see all; supervisors and prosecutors one entity in their scope at a time (entityType and entityId).',
  })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiProblems(400, 401, 403)
  async list(@CurrentUser() user: AuthUser, @Query() query: AuditQuery): Promise<AuditEventPage> {
    await this.access.requireTrail(user, { type: query.entityType, id: query.entityId });
    return this.audit.page(query, query.limit, query.offset);
  }

  /**
   * Recomputes the keyed hash chains against the signed checkpoints, and every order against its ledger: a
   * changed, inserted or deleted event, a cut tail, or credited minutes set behind the ledger's back are named.
   */
  @Get('verify')
  @Roles('admin')
  @ApiOperation({ summary: 'Verify the audit trail and every order against its ledger', description: 'R-25, R-28.' })
  @ApiOkResponse({ type: TrailVerdictResponse })
  @ApiProblems(400, 401, 403)
  verify(@Query() query: VerifyQuery): Promise<TrailVerdictResponse> {
    return this.verification.verify(query.from === 'latest-checkpoint');
  }

  /** R-28: a signed checkpoint of the chains' heads, now (the worker writes one every hour). */
  @Post('checkpoints')
  @Roles('admin')
  @ApiOperation({
    summary: "Write a signed checkpoint of the chains' heads now",
    description: 'R-28 (the worker writes one every hour).',
  })
  @ApiCreatedResponse({ type: CheckpointResponse })
  @ApiProblems(401, 403)
  checkpoint(): Promise<CheckpointResponse> {
    return this.checkpoints.write();
  }

  @Get('checkpoints/latest')
  @Roles('admin', 'supervisor', 'prosecutor')
  @ApiOperation({ summary: 'The latest signed checkpoint' })
  @ApiOkResponse({ type: CheckpointResponse })
  @ApiProblems(401, 403, 404)
  async latestCheckpoint(): Promise<CheckpointResponse> {
    const latest = await this.checkpoints.latest();
    if (!latest) throw notFound('checkpoint');
    return latest;
  }

  /** Checks a checkpoint kept outside the database (a report, a berita acara, the anchor) against the trail. */
  @Post('checkpoints/verify')
  @HttpCode(200)
  @Roles('admin', 'prosecutor')
  @ApiOperation({ summary: 'Check a checkpoint kept outside the database against the trail' })
  @ApiOkResponse({ type: AnchorVerdictResponse })
  @ApiProblems(400, 401, 403)
  verifyAnchor(@Body() checkpoint: CheckpointDto): Promise<AnchorVerdictResponse> {
    return this.checkpoints.verifyAnchor(checkpoint);
  }
}
