import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import { SIGNAL_STATUSES } from './dto.js';
import { EVIDENCE_TYPES, SIGNAL_KINDS } from './signal.rules.js';
import type {
  BapasSummaryView,
  EvidenceView,
  RegionalSummaryView,
  ScanView,
  SignalDetailView,
  SignalView,
  TrailEventView,
} from './oversight.service.js';

@ApiSchema({ name: 'OversightBapasSummary', description: "One Bapas's month (R-29): aggregates only" })
export class BapasSummaryDto implements BapasSummaryView {
  @ApiProperty({ format: 'uuid' }) bapasId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', description: 'orders whose start date is in the month' }) ordersStarted: number;
  @ApiProperty({ type: 'integer', description: 'orders completed in the month' }) ordersCompleted: number;
  @ApiProperty({ type: 'integer', description: 'orders with a breach report opened in the month' })
  ordersBreached: number;
  @ApiProperty({ type: 'integer', description: 'orders closed by the prosecutor (prison or fine) in the month' })
  ordersClosed: number;
  @ApiProperty({ type: 'integer', description: 'orders whose period overlaps the month' }) ordersRunning: number;
  @ApiProperty({ type: 'integer', description: 'minutes required by the running orders' }) requiredMinutes: number;
  @ApiProperty({ type: 'integer', description: 'minutes credited in the month, net of reversals' })
  creditedMinutes: number;
  @ApiProperty({ type: Number, nullable: true, description: '% of the completed orders completed by their end date' })
  completedBeforeEndPercent: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "% of the month's held bookings that were absences" })
  absenceRatePercent: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '% of the running orders breached in the month' })
  breachRatePercent: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "median minutes from the coordinator's confirmation to the sign-off",
  })
  signOffMedianMinutes: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: '90th percentile of the same' })
  signOffP90Minutes: number | null;
  @ApiProperty({ type: 'integer', description: 'confirmations waiting for a sign-off now' }) openConfirmations: number;
  @ApiProperty({ type: 'integer', description: 'absences waiting for a decision now' }) openAbsences: number;
}

@ApiSchema({ name: 'OversightSummary', description: "A region's Bapas over one month (R-29)" })
export class RegionalSummaryDto implements RegionalSummaryView {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'ID-MA',
    description: 'null for an administrator: every region',
  })
  region: string | null;
  @ApiProperty({ type: [BapasSummaryDto] }) bapas: BapasSummaryDto[];
}

@ApiSchema({ name: 'MisuseSignal', description: 'A record worth a second look (R-29); no personal data in the list' })
export class SignalDto implements SignalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SIGNAL_KINDS }) kind: string;
  @ApiProperty({ example: 'R-19', description: 'the rule or SOP the signal serves' }) rule: string;
  @ApiProperty({ enum: SIGNAL_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid' }) bapasId: string;
  @ApiProperty() bapasName: string;
  @ApiProperty({
    example: 'Asia/Jayapura',
    description: "the Bapas's IANA zone (R-22): the signal's times are shown in it",
  })
  bapasTimezone: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orderId: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt: string | null;
}

@ApiSchema({ name: 'MisuseSignalPage' })
export class SignalPageDto extends PageOf(SignalDto) {}

@ApiSchema({ name: 'MisuseFact' })
export class FactDto {
  @ApiProperty({ example: 'checkInDistanceMeters' }) name: string;
  @ApiProperty({ example: '1840' }) value: string;
}

@ApiSchema({ name: 'MisuseEvidence', description: 'A record the signal points at' })
export class EvidenceDto implements EvidenceView {
  @ApiProperty({ enum: EVIDENCE_TYPES }) type: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Pasukan Kuning Pasar Mardika, 2026-11-16 07:00–11:00 (credited)' }) label: string;
}

@ApiSchema({ name: 'MisuseSignalDetail', description: 'A signal with its evidence; reading it is audited (R-29)' })
export class SignalDetailDto extends SignalDto implements SignalDetailView {
  @ApiProperty({ type: String, nullable: true, description: 'the case number, when the signal is about an order' })
  caseNumber: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the person's name (never NIK nor religion, R-30)" })
  personName: string | null;
  @ApiProperty({ type: [FactDto], description: 'what was measured, beside the threshold it passed' }) facts: FactDto[];
  @ApiProperty({ type: [EvidenceDto] }) evidence: EvidenceDto[];
  @ApiProperty({ type: String, nullable: true }) reviewNote: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the reviewer's name" }) reviewedBy: string | null;
}

@ApiSchema({
  name: 'MisuseTrailEvent',
  description: "An audit event of a signal's evidence (before and after left out)",
})
export class TrailEventDto implements TrailEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ example: 'assignment.checked_in' }) action: string;
  @ApiProperty({ enum: EVIDENCE_TYPES }) entityType: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
}

@ApiSchema({ name: 'MisuseTrailPage' })
export class TrailPageDto extends PageOf(TrailEventDto) {}

@ApiSchema({ name: 'MisuseScan' })
export class ScanDto implements ScanView {
  @ApiProperty({ type: 'integer', description: 'signals opened by this scan' }) opened: number;
  @ApiProperty({ type: 'integer', description: 'occurrences found, new or known' }) found: number;
}
