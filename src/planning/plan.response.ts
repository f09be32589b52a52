import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { LocalizedWarning, type Shape } from '../common/openapi.js';
import type { PlanApplication, PlanMove, PlanSummary } from './plan.entity.js';
import type { PlanBookingView, PlanView } from './plan.view.js';
import type { Shortfall } from './planning.types.js';

const Integer = (description?: string) => ApiProperty({ type: 'integer', description });
const Id = (description?: string) => ApiProperty({ format: 'uuid', description });
const LocalTime = () => ApiProperty({ example: '07:00', pattern: '^\\d{2}:\\d{2}$' });

@ApiSchema({ name: 'PlannedBooking', description: 'A booking the plan proposes (made only when the plan is applied)' })
export class PlanBookingResponse implements PlanBookingView {
  @Id() orderId: string;
  @Id() shiftId: string;
  @Id() siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ format: 'date' }) date: string;
  @LocalTime() start: string;
  @LocalTime() end: string;
  @Integer() plannedMinutes: number;
  @Integer('straight line from home') travelMeters: number;
}

@ApiSchema({
  name: 'PlanShortfall',
  description:
    'Why an order falls short: `no_home` (no home location), `bound` (no plan can complete it), ' +
    '`shared_capacity` (alone it could; the seats of `siteIds` went to others)',
})
export class PlanShortfallResponse {
  @ApiProperty({ enum: ['no_home', 'bound', 'shared_capacity'] }) kind: Shortfall['kind'];
  @ApiPropertyOptional({ type: 'integer', description: 'with bound and shared_capacity' }) reachableMinutes?: number;
  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, description: 'with shared_capacity' })
  siteIds?: string[];
}

@ApiSchema({ name: 'PlanOrder', description: "One order's outcome in the plan" })
export class PlanOrderResponse implements Shape<PlanView['orders'][number]> {
  @Id() orderId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() personName: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @Integer('still owed, not covered by a booking') needMinutes: number;
  @Integer('planned minutes that count towards the need') plannedMinutes: number;
  @Integer() bookings: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastDate: string | null;
  @Integer('the bound: one trip a day on the longest shift within reach, up to the end date') reachableMinutes: number;
  @ApiProperty({ description: "the last planned date leaves 10% of the order's period to spare" }) withSpare: boolean;
  @ApiProperty({ type: PlanShortfallResponse, nullable: true }) shortfall: Shortfall | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the shortfall explained, in the language of Accept-Language',
  })
  explanation: string | null;
}

@ApiSchema({ name: 'PlanMoveFrom' })
export class PlanMoveFromResponse implements Shape<PlanMove['from']> {
  @Id() shiftId: string;
  @Id() siteId: string;
  @ApiProperty({ format: 'date' }) date: string;
}

@ApiSchema({ name: 'PlanMoveTo' })
export class PlanMoveToResponse extends PlanMoveFromResponse implements Shape<PlanMove['to']> {
  @ApiProperty() siteName: string;
  @LocalTime() start: string;
  @LocalTime() end: string;
}

@ApiSchema({
  name: 'PlanMove',
  description: "Another person's booking moved to free a seat: the same length, a day they are free",
})
export class PlanMoveResponse implements PlanMove {
  @Id('the booking that moves') assignmentId: string;
  @Id() orderId: string;
  @ApiProperty({ type: PlanMoveFromResponse }) from: PlanMoveFromResponse;
  @ApiProperty({ type: PlanMoveToResponse }) to: PlanMoveToResponse;
}

@ApiSchema({ name: 'PlanSummary' })
export class PlanSummaryResponse implements PlanSummary {
  @Integer() orders: number;
  @Integer() bookings: number;
  @Integer() needMinutes: number;
  @Integer() plannedMinutes: number;
  @Integer('no plan can count more') upperBoundMinutes: number;
  @Integer() travelMeters: number;
  @Integer() ordersComplete: number;
  @Integer() maxTravelMeters: number;
  @Integer() planningMillis: number;
  @ApiPropertyOptional({
    type: 'integer',
    isArray: true,
    description: 'years of the bookings whose official calendar is not loaded',
  })
  yearsWithoutOfficialCalendar?: number[];
}

@ApiSchema({ name: 'PlanMoved' })
export class PlanMovedResponse {
  @Id() assignmentId: string;
  @Id() newAssignmentId: string;
}

@ApiSchema({ name: 'PlanBooked' })
export class PlanBookedResponse {
  @Id() orderId: string;
  @Id() shiftId: string;
  @Id() assignmentId: string;
}

@ApiSchema({
  name: 'PlanRefused',
  description: 'A proposal refused since the preview, with the booking rule that refused it',
})
export class PlanRefusedResponse {
  @Id() orderId: string;
  @Id() shiftId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: 'booking.shift_full' }) code: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } })
  params?: Record<string, string | number>;
}

@ApiSchema({ name: 'PlanApplication', description: 'What applying the plan did' })
export class PlanApplicationResponse implements PlanApplication {
  @ApiProperty({ type: [PlanMovedResponse] }) moved: PlanMovedResponse[];
  @ApiProperty({ type: [PlanBookedResponse] }) booked: PlanBookedResponse[];
  @ApiProperty({ type: [PlanRefusedResponse] }) refused: PlanRefusedResponse[];
}

@ApiSchema({ name: 'Plan', description: 'A preview of bookings, applied at most once (status preview → applied)' })
export class PlanResponse implements PlanView {
  @Id() id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: every active order of the Bapas' })
  orderId: string | null;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: ['preview', 'applied'] }) status: 'preview' | 'applied';
  @ApiProperty({ type: [PlanBookingResponse] }) bookings: PlanBookingResponse[];
  @ApiProperty({ type: [PlanOrderResponse] }) orders: PlanOrderResponse[];
  @ApiProperty({ type: [PlanMoveResponse] }) moves: PlanMoveResponse[];
  @ApiProperty({ type: PlanSummaryResponse }) summary: PlanSummaryResponse;
  @ApiProperty({ type: PlanApplicationResponse, nullable: true }) result: PlanApplicationResponse | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ type: Date, nullable: true }) appliedAt: Date | null;
  @ApiProperty({
    type: [LocalizedWarning],
    description: 'R-23: bookings in a year whose official calendar is not loaded',
  })
  warnings: LocalizedWarning[];
}
