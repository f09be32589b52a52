const KEY = 'bakti.clockOffset';

let offsetMs = Number(localStorage.getItem(KEY) ?? 0) || 0;

/**
 * The server's clock as seen through each answer's `Date` header: a phone whose clock runs fast would otherwise
 * record taps "in the future" and be refused. The header has whole seconds, so offsets under 2 s are noise.
 */
export function noteServerDate(header: string | null, receivedAt = Date.now()): void {
  if (!header) return;
  const server = Date.parse(header);
  if (Number.isNaN(server)) return;
  const measured = server + 500 - receivedAt;
  offsetMs = Math.abs(measured) < 2000 ? 0 : measured;
  localStorage.setItem(KEY, String(offsetMs));
}

/** Now, on the server's clock. */
export const serverNow = (): Date => new Date(Date.now() + offsetMs);
