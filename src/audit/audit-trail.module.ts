import { Module } from '@nestjs/common';
import { AuditScope } from './audit-scope.js';
import { AuditTrailController } from './audit-trail.controller.js';

@Module({ controllers: [AuditTrailController], providers: [AuditScope] })
export class AuditTrailModule {}
