import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';

/** The audit trail's writer, used by every module that changes state: global, like the core. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
