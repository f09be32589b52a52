import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { AssignmentListItemResponse } from '../assignments/assignment.response.js';
import { BreachResponse } from '../enforcement/breach.response.js';
import { LedgerEntryResponse } from '../ledger/ledger-entry.response.js';
import { NotificationResponse } from '../notifications/notification.response.js';
import { OrderResponse } from '../orders/order.response.js';
import { PersonResponse } from './person.response.js';

@ApiSchema({ name: 'SubjectAccessOrder', description: 'An order of the person, with everything recorded under it' })
export class SubjectAccessOrderResponse extends OrderResponse {
  @ApiProperty({ type: [AssignmentListItemResponse] }) assignments: AssignmentListItemResponse[];
  @ApiProperty({ type: [LedgerEntryResponse] }) ledger: LedgerEntryResponse[];
  @ApiProperty({ type: [BreachResponse] }) breaches: BreachResponse[];
}

@ApiSchema({
  name: 'SubjectAccessExport',
  description: 'Everything Bakti holds about a person (R-30), as one download',
})
export class SubjectAccessResponse {
  @ApiProperty({ format: 'uuid', description: 'the row of the export log (GET /exports)' }) exportId: string;
  @ApiProperty() exportedAt: Date;
  @ApiProperty({ format: 'uuid' }) exportedBy: string;
  @ApiProperty({ type: PersonResponse }) person: PersonResponse;
  @ApiProperty({ type: [SubjectAccessOrderResponse] }) orders: SubjectAccessOrderResponse[];
  @ApiProperty({ type: [NotificationResponse] }) notifications: NotificationResponse[];
}
