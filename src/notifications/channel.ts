export interface OutgoingMessage {
  id: string;
  reason: string;
  to: string;
  text: string;
  locale: 'id' | 'en';
}

export interface DeliveryReceipt {
  providerId: string | null;
  providerStatus: string | null;
  httpStatus: number | null;
}

/** A delivery that retrying cannot fix (the gateway refused the message itself). */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
  ) {
    super(message);
  }
}

/** A way to reach a phone. Throws on failure; the delivery job retries. */
export interface NotificationChannel {
  readonly name: 'log' | 'webhook';
  send(message: OutgoingMessage): Promise<DeliveryReceipt>;
}

export const NOTIFICATION_CHANNEL = Symbol('NOTIFICATION_CHANNEL');
