/**
 * Back-off sleeps that a shutdown can cut short: `wakeAll()` ends every pending sleep at once, and every later
 * `sleep` returns at once too (the owner is going away, nothing should wait on a timer any more).
 */
export class InterruptibleSleep {
  private readonly sleepers = new Set<() => void>();
  private woken = false;

  /** Waits `ms`; less if `wakeAll()` is called or `until` settles first. */
  sleep(ms: number, until?: Promise<unknown>): Promise<void> {
    if (this.woken || !(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
      until?.then(wake, wake);
    });
  }

  /** Ends every pending sleep; later sleeps return at once. */
  wakeAll(): void {
    this.woken = true;
    for (const wake of [...this.sleepers]) wake();
  }
}
