import type { Subscription } from '../event-store.port';

/** The subscriptions a store has handed out, so the store can close them all when it closes. */
export class OpenSubscriptions<S extends Subscription> implements Iterable<S> {
  private readonly open = new Set<S>();

  /** Tracks `subscription` and returns the handle callers get: closing it also stops tracking it. */
  add(subscription: S): Subscription {
    this.open.add(subscription);
    return {
      close: async () => {
        this.open.delete(subscription);
        await subscription.close();
      },
    };
  }

  [Symbol.iterator](): Iterator<S> {
    return this.open[Symbol.iterator]();
  }

  async closeAll(): Promise<void> {
    const open = [...this.open];
    this.open.clear();
    await Promise.all(open.map((subscription) => subscription.close()));
  }
}
