import type { RecordedEvent } from '../event-store.port';

/**
 * The latest events this store instance appended, as one run of consecutive global positions. Subscriptions in
 * the same process read them from here instead of back from SQLite. The run is dropped whenever it could be
 * incomplete (another process wrote, or positions jumped), and the store then reads the database as before.
 * Events handed out are shared between readers: treat them as read-only, as recorded events are.
 */
export class RecentAppends {
  private events: RecordedEvent[] = [];
  private firstPosition = 0;

  constructor(private readonly capacity: number) {}

  add(appended: RecordedEvent[]): void {
    if (appended.length === 0) return;
    const first = Number(appended[0].globalPosition);
    if (this.events.length === 0 || first !== this.firstPosition + this.events.length) {
      this.events = [];
      this.firstPosition = first;
    }
    this.events.push(...appended);
    const excess = this.events.length - this.capacity;
    if (excess > 0) {
      this.events.splice(0, excess);
      this.firstPosition += excess;
    }
  }

  clear(): void {
    this.events = [];
  }

  /** Up to `limit` events after position `from`, when the run covers them; undefined when the database must answer. */
  after(from: number, limit: number): RecordedEvent[] | undefined {
    if (this.events.length === 0 || from < this.firstPosition - 1) return undefined;
    const start = from - this.firstPosition + 1;
    return this.events.slice(start, start + limit);
  }
}
