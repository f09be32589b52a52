import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import type { toLedgerView } from './ledger.service.js';

@ApiSchema({
  name: 'LedgerEntry',
  description: 'Append-only (R-14): a credit, or a reversal taking back all or part of one',
})
export class LedgerEntryResponse implements ReturnType<typeof toLedgerView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ type: 'integer', description: 'positive for a credit, negative for a reversal' }) minutes: number;
  @ApiProperty({ enum: ['credit', 'reversal'] }) kind: 'credit' | 'reversal';
  @ApiPropertyOptional({ type: String }) reason: string | undefined;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'the credit a reversal takes back' })
  reversesId: string | undefined;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
}

export class LedgerEntryPage extends PageOf(LedgerEntryResponse) {}
