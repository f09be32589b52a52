import { NextFlight } from './next-flight.js';

/** A read the test ends when it wants, numbered in the order they started. */
function reads() {
  const started: { end: (fail?: boolean) => void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      const n = started.length + 1;
      started.push({ end: (fail) => (fail ? reject(new Error(`read ${n} failed`)) : resolve(n)) });
    });
  return { started, read };
}

describe('NextFlight: requests of one key share the next read', () => {
  it('those arriving while a read runs share one read that starts after it ends', async () => {
    const flights = new NextFlight<number>();
    const { started, read } = reads();
    const first = flights.join('bapas', read);
    const later = [flights.join('bapas', read), flights.join('bapas', read), flights.join('bapas', read)];
    expect(started).toHaveLength(1);
    started[0].end();
    expect(await first).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2);
    started[1].end();
    expect(await Promise.all(later)).toEqual([2, 2, 2]);
    const fresh = flights.join('bapas', read);
    expect(started).toHaveLength(3);
    started[2].end();
    expect(await fresh).toBe(3);
  });

  it('keys do not wait for one another, and a failed read fails only its own requests', async () => {
    const flights = new NextFlight<number>();
    const { started, read } = reads();
    const failing = flights.join('a', read);
    const other = flights.join('b', read);
    const next = flights.join('a', read);
    expect(started).toHaveLength(2);
    started[0].end(true);
    await expect(failing).rejects.toThrow('read 1 failed');
    started[1].end();
    expect(await other).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    started[2].end();
    expect(await next).toBe(3);
  });
});
