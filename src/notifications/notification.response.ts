import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import type { DeliveryAttempt, NotificationView } from './notification.queries.js';
import type { NotificationStatus } from './notification.entity.js';

@ApiSchema({ name: 'DeliveryAttempt' })
export class DeliveryAttemptResponse implements DeliveryAttempt {
  @ApiProperty() at: Date;
  @ApiProperty({ enum: ['sent', 'failed'] }) outcome: 'sent' | 'failed';
  @ApiProperty({ type: 'integer', nullable: true }) httpStatus: number | null;
  @ApiProperty({ type: String, nullable: true }) providerId: string | null;
  @ApiProperty({ type: String, nullable: true }) providerStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

@ApiSchema({
  name: 'Notification',
  description: 'A message stored before it is sent, once per (recipient, reason, subject), with each attempt',
})
export class NotificationResponse implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['person', 'user'] }) recipientType: 'person' | 'user';
  @ApiProperty({ format: 'uuid' }) recipientId: string;
  @ApiProperty({ example: 'reminder.day_before' }) reason: string;
  @ApiProperty() subjectKey: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignmentId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orderId: string | null;
  @ApiProperty({ example: 'log' }) channel: string;
  @ApiProperty({ type: String, nullable: true, description: 'the phone number or address it went to' }) to:
    string | null;
  @ApiProperty({ enum: ['id', 'en'] }) locale: 'id' | 'en';
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['pending', 'sent', 'failed', 'skipped'] }) status: NotificationStatus;
  @ApiProperty({ type: String, nullable: true }) statusReason: string | null;
  @ApiProperty({ type: String, nullable: true }) providerId: string | null;
  @ApiProperty({ type: String, nullable: true }) providerStatus: string | null;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: [DeliveryAttemptResponse] }) history: DeliveryAttemptResponse[];
}

export class NotificationPage extends PageOf(NotificationResponse) {}

@ApiSchema({ name: 'OptOut', description: 'Whether the person is opted out of the channel' })
export class OptOutResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: ['log', 'webhook'] }) channel: string;
  @ApiProperty() optedOut: boolean;
}
