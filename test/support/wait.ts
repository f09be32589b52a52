import type { DataSource } from 'typeorm';

/** Polls until the probe answers something truthy, or fails after the deadline. Never a fixed sleep. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until a statement on this database whose text is `LIKE queryLike` waits for a lock. */
export function waitForLockWait(db: DataSource, queryLike: string, what: string): Promise<unknown> {
  return waitFor(
    async () =>
      (
        await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE $1`,
          [queryLike],
        )
      ).length > 0,
    what,
  );
}
