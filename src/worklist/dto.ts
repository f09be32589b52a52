import { ApiProperty } from '@nestjs/swagger';

export class WorklistSiteResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Pasukan Kuning Pasar Mardika' }) name: string;
  @ApiProperty({ example: 'Asia/Jayapura' }) timezone: string;
}

export class ConfirmedBookingResponse {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'Yusuf Wally' }) personName: string;
  @ApiProperty({ format: 'date-time' }) checkInAt: string;
  @ApiProperty({ format: 'date-time' }) checkOutAt: string;
  @ApiProperty({ type: 'integer', example: 0 }) penaltyMinutes: number;
  @ApiProperty({ type: 'integer', example: 180, description: 'what the coordinator confirmed (R-15)' })
  workedMinutes: number;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ example: 'Johny Souisa', description: 'the first signature: who confirmed (R-14)' })
  confirmedBy: string;
}

export class ShiftToSignOffResponse {
  @ApiProperty({ format: 'uuid' }) shiftId: string;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: WorklistSiteResponse }) site: WorklistSiteResponse;
  @ApiProperty({ type: [ConfirmedBookingResponse] }) bookings: ConfirmedBookingResponse[];
}

export class BookingToReviewResponse {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'Hasan Lessy' }) personName: string;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: WorklistSiteResponse }) site: WorklistSiteResponse;
  @ApiProperty({ type: String, nullable: true, description: "the coordinator's reason (absences)" }) reason:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'who recorded the absence (absences)' }) recordedBy:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: "the person's own notice, sent before the shift (R-20)" })
  notice: string | null;
}

export class OrderRiskResponse {
  @ApiProperty({ example: 'risk.cannot_finish' }) code: string;
  @ApiProperty({ description: "in the caller's language" }) message: string;
}

export class OrderAtRiskResponse {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: '41/Pid.C/2026/PN Amb' }) caseNumber: string;
  @ApiProperty({ example: 'Yohanis Latuheru' }) personName: string;
  @ApiProperty({ example: '2027-05-01' }) endDate: string;
  @ApiProperty({ type: 'integer', example: 1680 }) remainingMinutes: number;
  @ApiProperty({ type: [OrderRiskResponse] }) risks: OrderRiskResponse[];
}

/** A supervisor's desk: what waits for them today, in their Bapas. */
export class WorklistResponse {
  @ApiProperty({
    type: [ShiftToSignOffResponse],
    description: 'confirmed by the coordinator, waiting for my sign-off (R-14)',
  })
  toSignOff: ShiftToSignOffResponse[];
  @ApiProperty({ type: [BookingToReviewResponse], description: 'absences waiting for my decision (R-20)' })
  absences: BookingToReviewResponse[];
  @ApiProperty({ type: [BookingToReviewResponse], description: 'nobody checked in by start + 30 minutes (R-20)' })
  suspectedNoShows: BookingToReviewResponse[];
  @ApiProperty({
    type: [BookingToReviewResponse],
    description: 'shifts ahead the person said, in advance, they cannot come to',
  })
  notices: BookingToReviewResponse[];
  @ApiProperty({ type: [OrderAtRiskResponse], description: 'the risk scan: orders that can no longer finish' })
  atRisk: OrderAtRiskResponse[];
  @ApiProperty({ type: [OrderAtRiskResponse], description: 'the risk scan: nothing booked in the next 14 days' })
  nothingBooked: OrderAtRiskResponse[];
}
