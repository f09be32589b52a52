import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { Page, PageQuery } from '../common/pagination.js';
import { AuditEvent } from './audit-event.entity.js';
import { AnchorVerdict, AuditCheckpoints } from './audit-checkpoints.service.js';
import { Checkpoint } from './checkpoint.js';
import { CheckpointDto } from './dto.js';
import { TrailVerdict, TrailVerification } from './trail-verification.js';
import { AuditScope } from './audit-scope.js';

const ENTITY_TYPES = [
  'agency', 'user', 'agreement', 'site', 'shift', 'person', 'order', 'assignment', 'ledger_entry', 'breach', 'calendar',
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
@ApiBearerAuth()
@Controller('audit-events')
export class AuditTrailController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verification: TrailVerification,
    private readonly checkpoints: AuditCheckpoints,
    private readonly scope: AuditScope,
  ) {}

  /** oldest first. Admins see all; supervisors and prosecutors one entity in their scope at a time. */
  @Get()
  @Roles('admin', 'supervisor', 'prosecutor')
  async list(@CurrentUser() user: AuthUser, @Query() query: AuditQuery): Promise<Page<Omit<AuditEvent, 'seq'>>> {
    if (user.role !== 'admin' && !(await this.scope.allows(user, query.entityType, query.entityId))) throw forbidden();
    const [events, total] = await this.dataSource.getRepository(AuditEvent).findAndCount({
      where: { ...(query.entityType ? { entityType: query.entityType } : {}), ...(query.entityId ? { entityId: query.entityId } : {}) },
      order: { seq: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: events.map(({ seq: _, ...event }) => event), total };
  }

  /**
   * Recomputes the keyed hash chains against the signed checkpoints, and every order against its ledger: a
   * changed, inserted or deleted event, a cut tail, or credited minutes set behind the ledger's back are named.
   */
  @Get('verify')
  @Roles('admin')
  verify(@Query() query: VerifyQuery): Promise<TrailVerdict> {
    return this.verification.verify(query.from === 'latest-checkpoint');
  }

  /** R-28: a signed checkpoint of the chains' heads, now (the worker writes one every hour). */
  @Post('checkpoints')
  @Roles('admin')
  checkpoint(): Promise<Checkpoint> {
    return this.checkpoints.write();
  }

  @Get('checkpoints/latest')
  @Roles('admin', 'supervisor', 'prosecutor')
  async latestCheckpoint(): Promise<Checkpoint> {
    const latest = await this.checkpoints.latest();
    if (!latest) throw notFound('checkpoint');
    return latest;
  }

  /** Checks a checkpoint kept outside the database (a report, a berita acara, the anchor) against the trail. */
  @Post('checkpoints/verify')
  @HttpCode(200)
  @Roles('admin', 'prosecutor')
  verifyAnchor(@Body() checkpoint: CheckpointDto): Promise<AnchorVerdict> {
    return this.checkpoints.verifyAnchor(checkpoint);
  }
}
