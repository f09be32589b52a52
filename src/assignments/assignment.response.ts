import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { LocalizedWarning, PageOf, type Shape } from '../common/openapi.js';
import { LocationDto } from '../sites/dto.js';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from './assignment.entity.js';
import type { AssignmentListItem, AssignmentSite, AssignmentView } from './assignment.view.js';

@ApiSchema({ name: 'AssignmentPerson', description: 'Only the name of the person (R-30)' })
export class AssignmentPersonResponse implements Shape<AssignmentView['person']> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

@ApiSchema({ name: 'AttendanceRecord', description: 'An arrival or a departure as the coordinator recorded it (R-19)' })
export class AttendanceRecordResponse implements Shape<AssignmentView['checkIn']> {
  @ApiProperty({ description: 'when it happened' }) at: Date;
  @ApiProperty({
    type: Date,
    nullable: true,
    description: 'when the service received it (late when the phone was offline)',
  })
  receivedAt: Date | null;
  @ApiProperty({ type: LocationDto, nullable: true }) location: LocationDto | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'from the site' }) distanceMeters: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) outsideRadius: boolean | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) recordedBy: string | null;
}

@ApiSchema({ name: 'AbsenceDecision' })
export class AbsenceDecisionResponse implements Shape<Shape<AssignmentView['absence']>['decision']> {
  @ApiProperty() excused: boolean;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiProperty() decidedAt: Date;
}

@ApiSchema({ name: 'Absence' })
export class AbsenceResponse implements Shape<AssignmentView['absence']> {
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) recordedBy: string | null;
  @ApiProperty() recordedAt: Date;
  @ApiProperty({ type: AbsenceDecisionResponse, nullable: true, description: "the supervisor's decision (R-21)" })
  decision: AbsenceDecisionResponse | null;
}

@ApiSchema({ name: 'SignOff', description: 'The second signature (R-15)' })
export class SignOffResponse implements Shape<AssignmentView['signOff']> {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) by: string | null;
  @ApiProperty() at: Date;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

@ApiSchema({ name: 'Cancellation' })
export class CancellationResponse implements Shape<AssignmentView['cancellation']> {
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) by: string | null;
  @ApiProperty() at: Date;
}

@ApiSchema({
  name: 'Assignment',
  description: 'One person booked on one shift (penugasan), with its attendance and sign-off',
})
export class AssignmentResponse implements AssignmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) shiftId: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ type: AssignmentPersonResponse }) person: AssignmentPersonResponse;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: AssignmentStatus;
  @ApiProperty({ format: 'date', description: "the site's local date" }) date: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty({ type: 'integer' }) plannedMinutes: number;
  @ApiProperty({ type: AttendanceRecordResponse, nullable: true }) checkIn: AttendanceRecordResponse | null;
  @ApiProperty({
    type: AttendanceRecordResponse,
    nullable: true,
    description: "the coordinator's confirmation (first signature)",
  })
  checkOut: AttendanceRecordResponse | null;
  @ApiProperty({ type: 'integer', nullable: true }) penaltyMinutes: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) workedMinutes: number | null;
  @ApiProperty({ type: String, nullable: true }) confirmationNote: string | null;
  @ApiProperty({ type: AbsenceResponse, nullable: true }) absence: AbsenceResponse | null;
  @ApiProperty({ type: 'integer', nullable: true }) creditedMinutes: number | null;
  @ApiProperty({ type: SignOffResponse, nullable: true }) signOff: SignOffResponse | null;
  @ApiProperty({ type: CancellationResponse, nullable: true }) cancellation: CancellationResponse | null;
}

@ApiSchema({
  name: 'AssignmentSite',
  description: "The site's name and zone; the assignment's times are the site's (R-22)",
})
export class AssignmentSiteResponse implements AssignmentSite {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Asia/Jayapura', description: 'IANA time zone' }) timezone: string;
}

@ApiSchema({ name: 'AssignmentListItem', description: "An assignment in an order's or a shift's list, with its site" })
export class AssignmentListItemResponse extends AssignmentResponse implements AssignmentListItem {
  @ApiProperty({ type: AssignmentSiteResponse }) site: AssignmentSiteResponse;
}

export class AssignmentPage extends PageOf(AssignmentListItemResponse) {}

@ApiSchema({
  name: 'BookedAssignment',
  description: "A new booking, with the calendar's warnings (R-23: a year whose official calendar is not loaded)",
})
export class BookedAssignmentResponse extends AssignmentResponse {
  @ApiProperty({ type: [LocalizedWarning] }) warnings: LocalizedWarning[];
}
