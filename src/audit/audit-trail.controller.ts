import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import { forbidden } from '../common/domain-error.js';
import { ApiProblems } from '../common/openapi.js';
import { PageQuery } from '../common/pagination.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditEventPage, ChainVerdictResponse } from './audit-event.response.js';
import { AuditService } from './audit.service.js';
import { AuditScope } from './audit-scope.js';

const ENTITY_TYPES = ['agency', 'user', 'agreement', 'site', 'shift', 'person', 'order', 'assignment', 'ledger_entry'] as const;

class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ENTITY_TYPES }) @IsOptional() @IsIn(ENTITY_TYPES) entityType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() entityId?: string;
}

@ApiTags('audit')
@Controller('audit-events')
export class AuditTrailController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scope: AuditScope,
  ) {}

  /** oldest first. Admins see all; supervisors and prosecutors one entity in their scope at a time. */
  @Get()
  @Roles('admin', 'supervisor', 'prosecutor')
  @ApiOperation({
    summary: 'Audit events, oldest first',
    description: 'R-25. Admins see all; supervisors and prosecutors one entity in their scope at a time (entityType and entityId).',
  })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiProblems(400, 401, 403)
  async list(@CurrentUser() user: AuthUser, @Query() query: AuditQuery): Promise<AuditEventPage> {
    if (user.role !== 'admin' && !(await this.scope.allows(user, query.entityType, query.entityId))) throw forbidden();
    const [events, total] = await this.dataSource.getRepository(AuditEvent).findAndCount({
      where: { ...(query.entityType ? { entityType: query.entityType } : {}), ...(query.entityId ? { entityId: query.entityId } : {}) },
      order: { seq: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: events.map(({ seq: _, ...event }) => event), total };
  }

  /** Recomputes the hash chain: a changed or deleted row shows as the first broken link. */
  @Get('verify')
  @Roles('admin')
  @ApiOperation({ summary: 'Verify the hash chains of the audit trail' })
  @ApiOkResponse({ type: ChainVerdictResponse })
  @ApiProblems(401, 403)
  verify(): Promise<ChainVerdictResponse> {
    return this.audit.verifyChain();
  }
}
