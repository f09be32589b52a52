import { createHmac } from 'node:crypto';
import { DeliveryReceipt, NotificationChannel, OutgoingMessage, PermanentDeliveryError } from './channel.js';

const TIMEOUT_MS = 10_000;

export const signature = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * A signed JSON POST to an SMS/WhatsApp gateway. The body's `id` is the notification's id, the same on every
 * retry, so the gateway can drop a message it has already taken.
 */
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook' as const;

  constructor(
    private readonly url: string,
    private readonly secret: string,
  ) {}

  async send(message: OutgoingMessage): Promise<DeliveryReceipt> {
    const body = JSON.stringify(message);
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bakti-signature': signature(this.secret, body) },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer = (await response.json().catch(() => ({}))) as { id?: unknown; status?: unknown };
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      throw new PermanentDeliveryError(`gateway refused the message: HTTP ${response.status}`, response.status);
    }
    if (!response.ok)
      throw Object.assign(new Error(`gateway answered HTTP ${response.status}`), { httpStatus: response.status });
    return {
      providerId: answer.id === undefined ? null : String(answer.id),
      providerStatus: answer.status === undefined ? null : String(answer.status),
      httpStatus: response.status,
    };
  }
}
