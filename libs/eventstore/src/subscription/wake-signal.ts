/**
 * A wait that ends early when woken. A wake with nobody waiting is remembered, so a notification that lands
 * between "read found nothing" and "start waiting" is not lost.
 */
export class WakeSignal {
  private pending = false;
  private release?: () => void;

  wake(): void {
    this.pending = true;
    this.release?.();
  }

  /** Resolves when woken, or after `ms` when given. */
  wait(ms?: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => done(), ms);
      const done = () => {
        if (timer !== undefined) clearTimeout(timer);
        this.release = undefined;
        this.pending = false;
        resolve();
      };
      this.release = done;
    });
  }
}
