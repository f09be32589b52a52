import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import type { AuditEvent, JsonObject } from './audit-event.entity.js';
import type { ChainVerdict } from './audit.service.js';

@ApiSchema({ name: 'AuditEvent', description: 'Append-only and hash-chained (R-25)' })
export class AuditEventResponse implements Omit<AuditEvent, 'seq'> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'which of the 16 chains the event extends' }) chain: number;
  @ApiProperty() at: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the system' }) actorId: string | null;
  @ApiProperty({ example: 'assignment.booked' }) action: string;
  @ApiProperty({ example: 'assignment' }) entityType: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) before: JsonObject | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) after: JsonObject | null;
  @ApiProperty({ type: String, nullable: true, description: 'the hash of the previous event of the chain' }) prevHash: string | null;
  @ApiProperty() hash: string;
}

export class AuditEventPage extends PageOf(AuditEventResponse) {}

@ApiSchema({ name: 'ChainVerdict', description: 'The hash chains recomputed: a changed or deleted row shows as the first broken link' })
export class ChainVerdictResponse implements ChainVerdict {
  @ApiProperty() intact: boolean;
  @ApiProperty({ type: 'integer', description: 'events checked' }) checked: number;
  @ApiPropertyOptional({ description: 'the sequence number of the first event whose hash does not match' }) firstBrokenSeq?: string;
}
