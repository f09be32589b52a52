import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageOf, type Shape } from '../common/openapi.js';
import type { AuditEvent, JsonObject } from './audit-event.entity.js';
import type { AnchorVerdict } from './audit-checkpoints.service.js';
import type { Checkpoint, CheckpointHead } from './checkpoint.js';
import type { TrailVerdict } from './trail-verification.js';

@ApiSchema({ name: 'AuditEvent', description: 'Append-only and hash-chained (R-25)' })
export class AuditEventResponse implements Omit<AuditEvent, 'seq'> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'which of the 16 chains the event extends' }) chain: number;
  @ApiProperty() at: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the system' }) actorId:
    string | null;
  @ApiProperty({ example: 'assignment.booked' }) action: string;
  @ApiProperty({ example: 'assignment' }) entityType: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) before: JsonObject | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) after: JsonObject | null;
  @ApiProperty({ type: String, nullable: true, description: 'the hash of the previous event of the chain' }) prevHash:
    string | null;
  @ApiProperty() hash: string;
}

export class AuditEventPage extends PageOf(AuditEventResponse) {}

@ApiSchema({ name: 'ChainCheckpoints' })
export class ChainCheckpointsResponse implements Shape<TrailVerdict['checkpoints']> {
  @ApiProperty({ type: 'integer' }) verified: number;
  @ApiProperty({ type: String, nullable: true }) latestSeq: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the checkpoint the check started from, or null from the start',
  })
  from: string | null;
}

@ApiSchema({ name: 'LedgerBalance' })
export class LedgerBalanceResponse implements Shape<TrailVerdict['ledger']> {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    isArray: true,
    description: 'orders whose credited minutes are not their ledger',
  })
  ordersOutOfBalance: string[];
}

@ApiSchema({
  name: 'TrailVerdict',
  description: 'The keyed hash chains recomputed against the signed checkpoints, and every order against its ledger',
})
export class TrailVerdictResponse implements TrailVerdict {
  @ApiProperty() intact: boolean;
  @ApiProperty({ type: 'integer', description: 'events whose links were checked before the first broken one' })
  checked: number;
  @ApiPropertyOptional({ description: 'the sequence number of the first event whose hash does not match' })
  firstBrokenSeq?: string;
  @ApiProperty({ type: [String], description: 'each thing found wrong, in words' }) problems: string[];
  @ApiProperty({ type: ChainCheckpointsResponse }) checkpoints: ChainCheckpointsResponse;
  @ApiProperty({ type: LedgerBalanceResponse }) ledger: LedgerBalanceResponse;
}

@ApiSchema({ name: 'CheckpointHead', description: "A chain's newest event when the checkpoint was taken" })
export class CheckpointHeadResponse implements CheckpointHead {
  @ApiProperty({ type: 'integer' }) chain: number;
  @ApiProperty({ example: '1234' }) seq: string;
  @ApiProperty() hash: string;
  @ApiProperty({ type: 'integer', description: 'events of the chain up to it' }) count: number;
}

@ApiSchema({ name: 'Checkpoint', description: "A signed statement of the chains' heads (R-28)" })
export class CheckpointResponse implements Checkpoint {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [CheckpointHeadResponse] }) heads: CheckpointHeadResponse[];
  @ApiProperty({ type: 'integer' }) eventCount: number;
  @ApiProperty({ type: String, nullable: true }) prevSignature: string | null;
  @ApiProperty() signature: string;
}

@ApiSchema({ name: 'AnchorMissing' })
export class AnchorMissingResponse implements Shape<AnchorVerdict['missing'][number]> {
  @ApiProperty({ type: 'integer' }) chain: number;
  @ApiProperty() seq: string;
  @ApiProperty({ enum: ['missing', 'changed', 'count'] }) reason: 'missing' | 'changed' | 'count';
}

@ApiSchema({ name: 'AnchorVerdict' })
export class AnchorVerdictResponse implements AnchorVerdict {
  @ApiProperty() signatureValid: boolean;
  @ApiProperty({
    type: [AnchorMissingResponse],
    description: "the checkpoint's heads the database no longer holds as they were",
  })
  missing: AnchorMissingResponse[];
  @ApiProperty() intact: boolean;
}
