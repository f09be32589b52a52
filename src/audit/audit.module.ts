import { Global, Module } from '@nestjs/common';
import { AuditEventRepository } from './audit-event.repository.js';
import { AuditService } from './audit.service.js';

/** The audit trail's writer, used by every module that changes state: global, like the core. */
@Global()
@Module({ providers: [AuditEventRepository, AuditService], exports: [AuditService] })
export class AuditModule {}
