import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import { ORDER_STATUSES, type OrderStatus } from './order.entity.js';
import { REGIMES, type Regime, type ReplacedSentence } from './order.rules.js';
import { ApiReplacedSentence } from './replaced-sentence.schema.js';
import type { OrderProgress, OrderView } from './orders.service.js';

@ApiSchema({ name: 'OrderProgress', description: 'Minutes, all integers (R-13): credited only after the sign-off' })
export class OrderProgressResponse implements OrderProgress {
  @ApiProperty({ type: 'integer', description: 'totalHours × 60, plus the minutes to repeat' }) requiredMinutes: number;
  @ApiProperty({ type: 'integer', description: 'booked and not yet credited or missed' }) scheduledMinutes: number;
  @ApiProperty({ type: 'integer', description: 'the sum of the ledger' }) creditedMinutes: number;
  @ApiProperty({ type: 'integer' }) remainingMinutes: number;
}

@ApiSchema({ name: 'Order', description: 'A court order (putusan pidana kerja sosial) with its progress' })
export class OrderResponse implements OrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ description: "the person's name, for lists and the order's page" }) personName: string;
  @ApiProperty({ format: 'uuid' }) bapasId: string;
  @ApiProperty({ format: 'uuid' }) kejaksaanId: string;
  @ApiProperty({ format: 'uuid' }) supervisorId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) prosecutorId: string | null;
  @ApiProperty({ example: '12/Pid.C/2026/PN Amb' }) caseNumber: string;
  @ApiProperty() courtName: string;
  @ApiProperty({ format: 'date' }) offenseDate: string;
  @ApiProperty({ format: 'date' }) verdictDate: string;
  @ApiProperty({ enum: REGIMES }) regime: Regime;
  @ApiProperty({ type: 'integer' }) totalHours: number;
  @ApiProperty({ type: 'integer' }) maxHoursPerDay: number;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiReplacedSentence() replacedSentence: ReplacedSentence;
  @ApiProperty() consentRecorded: boolean;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({
    type: 'integer',
    description: "R-08 (a): minutes to repeat by the prosecutor's decision, counted in progress.requiredMinutes",
  })
  repeatMinutes: number;
  @ApiProperty({ type: Date, nullable: true }) completedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: OrderProgressResponse }) progress: OrderProgressResponse;
}

export class OrderPage extends PageOf(OrderResponse) {}
