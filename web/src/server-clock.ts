const KEY = 'bakti.clockOffset';

let offsetMs = Number(localStorage.getItem(KEY) ?? 0) || 0;

/** The `Date` header has whole seconds: measurements within this of the offset in use are noise. */
const NOISE_MS = 2000;

/**
 * The server's clock as seen through each answer's `Date` header: a phone whose clock runs fast would otherwise
 * record taps "in the future" and be refused. The offset moves only by more than the noise, so two taps a
 * moment apart (a check-in, then its check-out) keep their order.
 */
export function noteServerDate(header: string | null, receivedAt = Date.now()): void {
  if (!header) return;
  const server = Date.parse(header);
  if (Number.isNaN(server)) return;
  const measured = server + 500 - receivedAt;
  if (Math.abs(measured - offsetMs) < NOISE_MS) return;
  offsetMs = Math.abs(measured) < NOISE_MS ? 0 : measured;
  localStorage.setItem(KEY, String(offsetMs));
}

/** Now, on the server's clock. */
export const serverNow = (): Date => new Date(Date.now() + offsetMs);
