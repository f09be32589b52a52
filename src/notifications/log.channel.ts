import { Logger } from '@nestjs/common';
import { DeliveryReceipt, NotificationChannel, OutgoingMessage } from './channel.js';

/** The demo's channel: the stored notification is the message; it is marked sent and logged. */
export class LogChannel implements NotificationChannel {
  readonly name = 'log' as const;
  private readonly logger = new Logger('Notification');

  async send(message: OutgoingMessage): Promise<DeliveryReceipt> {
    this.logger.log(`${message.reason} → ${message.to}: ${message.text.split('\n')[0]}`);
    return { providerId: `log-${message.id}`, providerStatus: 'logged', httpStatus: null };
  }
}
