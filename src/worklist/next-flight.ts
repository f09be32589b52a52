/**
 * One read shared by the requests of a key that arrive while an earlier read of that key runs: they wait for the
 * next read, which starts when the earlier one ends, so each request still gets a read that started after it
 * arrived (it sees every write committed before it asked) and at most one read of a key runs at a time.
 */
export class NextFlight<T> {
  private readonly running = new Map<string, Promise<T>>();
  private readonly waiting = new Map<string, Promise<T>>();

  join(key: string, read: () => Promise<T>): Promise<T> {
    const waiting = this.waiting.get(key);
    if (waiting) return waiting;
    const start = () => {
      this.waiting.delete(key);
      const flight = read();
      this.running.set(key, flight);
      const landed = () => this.running.get(key) === flight && this.running.delete(key);
      flight.then(landed, landed);
      return flight;
    };
    const ahead = this.running.get(key);
    if (!ahead) return start();
    const next = ahead.then(start, start);
    this.waiting.set(key, next);
    return next;
  }
}
