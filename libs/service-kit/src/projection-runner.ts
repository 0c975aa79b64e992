import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { EventStore, RecordedEvent, Subscription, UnreadableEventError, compareGlobalPositions, eventByEvent } from '@app/eventstore';
import type { CheckpointStore, SetAsideStore } from '@app/messaging';
import type { DocumentStore } from '@app/readmodel';

/**
 * A read model fed from the service's own events. It writes with the event's global position (`putIfNewer`,
 * `deleteIfNewer`), so applying an event again (a replay, a second runner) never moves a document backwards.
 */
export interface Projection {
  /** Names its checkpoint (`projection:<service>:<name>`), its set-aside events and what `npm run replay` rebuilds. */
  readonly name: string;
  apply(event: RecordedEvent): Promise<void>;
}

/**
 * Builds one projection on a document store: how a service declares its read models, so the service runs them on
 * its own store and `npm run replay` rebuilds them into others.
 */
export type ProjectionFactory = (documents: DocumentStore) => Projection;

/** Most events the live subscription hands the projections at once. */
export const LIVE_BATCH_SIZE = 500;

/** The events of a page up to `until`, inclusive (the whole page, unless it goes past). */
const upTo = (page: RecordedEvent[], until: string): RecordedEvent[] =>
  page.length === 0 || compareGlobalPositions(page[page.length - 1].globalPosition, until) <= 0
    ? page
    : page.filter((event) => compareGlobalPositions(event.globalPosition, until) <= 0);

export interface ProjectionRunnerOptions {
  /** Durable read models keep a checkpoint per projection; in-memory ones rebuild from the start. */
  checkpoints?: CheckpointStore;
  /** Where events a projection cannot read are recorded before it moves on. */
  setAside: SetAsideStore;
  /** Events read per page while catching up. Default 1 000. */
  pageSize?: number;
}

/**
 * Feeds projections from the service's event store: catches up fully on start (so queries answer from a
 * complete read model), then follows live. Each projection keeps its own checkpoint, so one added later starts
 * from the beginning of history while the others go on from theirs. Callers can wait until a position is in
 * every read model (read your writes).
 */
export class ProjectionRunner {
  private readonly logger = new Logger('Projections');
  private readonly applied = new EventEmitter().setMaxListeners(0);
  /** Per projection, the position of the last event it has seen (undefined: none yet). */
  private readonly positions = new Map<Projection, string | undefined>();
  private subscription?: Subscription;
  private readonly pageSize: number;
  /** Read as written and upcast event by event, so an unreadable one is set aside rather than failing its page. */
  private readonly source: ReturnType<typeof eventByEvent>;

  constructor(
    private readonly service: string,
    store: EventStore,
    private readonly projections: Projection[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.source = eventByEvent(store);
  }

  /** Before per-projection checkpoints, a service's projections shared this one. */
  private get sharedCheckpointName(): string {
    return `projection:${this.service}`;
  }

  checkpointName(projection: Pick<Projection, 'name'>): string {
    return `projection:${this.service}:${projection.name}`;
  }

  async start(): Promise<void> {
    if (this.projections.length === 0) return; // nothing to feed, nothing to wait for
    await this.catchUp();
    this.subscription = this.source.store.subscribeToAll((events) => this.applyBatch(events), {
      from: this.position,
      batchSize: LIVE_BATCH_SIZE,
      onError: (error) => this.logger.error(`projections of ${this.service} failed, retrying: ${String(error)}`),
    });
  }

  /**
   * Applies every stored event each projection has not seen, up to the end of the store or to `until`
   * (inclusive); `onPage` hears of each page applied.
   */
  async catchUp(options: { until?: string; onPage?: (events: RecordedEvent[]) => void } = {}): Promise<void> {
    const { until, onPage } = options;
    await this.loadCheckpoints();
    if (this.projections.length === 0) return;
    for (;;) {
      const read = await this.source.store.readAll({ from: this.position, limit: this.pageSize });
      const page = until === undefined ? read : upTo(read, until);
      if (page.length === 0) return;
      await this.applyBatch(page);
      onPage?.(page);
    }
  }

  /**
   * Each projection from its own checkpoint. A store written before projections had their own checkpoints has
   * only the shared one: the projections continue from it that first time (they were all at that position).
   */
  async loadCheckpoints(): Promise<void> {
    const { checkpoints } = this.options;
    const own = checkpoints ? await Promise.all(this.projections.map((projection) => checkpoints.load(this.checkpointName(projection)))) : [];
    const shared = checkpoints && own.every((position) => position === undefined) ? await checkpoints.load(this.sharedCheckpointName) : undefined;
    this.projections.forEach((projection, index) => this.positions.set(projection, own[index] ?? shared));
  }

  /** The position every projection has reached; undefined while one has seen nothing. */
  get position(): string | undefined {
    let lowest: string | undefined;
    for (const position of this.positions.values()) {
      if (position === undefined) return undefined;
      if (lowest === undefined || compareGlobalPositions(position, lowest) < 0) lowest = position;
    }
    return lowest;
  }

  private async applyBatch(events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1].globalPosition;
    const firstUnseen = this.projections.map((projection) => this.firstUnseen(events, this.positions.get(projection)));
    // Plain loops and one await per application: a replay runs millions of these.
    for (let index = 0; index < events.length; index++) {
      const event = events[index];
      // Upcast once for every projection; an event that cannot be read is set aside by each that has not seen it.
      const readable = this.readable(event);
      for (let p = 0; p < this.projections.length; p++) {
        if (index < firstUnseen[p]) continue;
        try {
          if (readable instanceof UnreadableEventError) throw readable;
          await this.projections[p].apply(readable);
        } catch (error) {
          await this.setAside(this.projections[p], event, error);
        }
      }
    }
    for (const [p, projection] of this.projections.entries()) {
      if (firstUnseen[p] === events.length) continue; // already past this batch
      this.positions.set(projection, last);
      await this.options.checkpoints?.save(this.checkpointName(projection), last);
    }
    this.applied.emit('applied');
  }

  /** The event upcast to its current version, or why it cannot be. */
  private readable(event: RecordedEvent): RecordedEvent | UnreadableEventError {
    try {
      return this.source.read(event);
    } catch (error) {
      if (error instanceof UnreadableEventError) return error;
      throw error;
    }
  }

  /** Index of the first event after `seen` (0 in the usual case, where the batch starts after it). */
  private firstUnseen(events: RecordedEvent[], seen: string | undefined): number {
    if (seen === undefined || compareGlobalPositions(events[0].globalPosition, seen) > 0) return 0;
    const index = events.findIndex((event) => compareGlobalPositions(event.globalPosition, seen) > 0);
    return index === -1 ? events.length : index;
  }

  /** An event the projection cannot read is set aside, visibly: the projection goes on with the next. Any other error stops the batch. */
  private async setAside(projection: Projection, event: RecordedEvent, error: unknown): Promise<void> {
    if (!(error instanceof UnreadableEventError)) throw error;
    const component = `projection:${projection.name}`;
    this.logger.warn(`${this.service} ${component} set aside event ${error.eventId} at ${event.globalPosition}: ${error.reason}`);
    const { eventId, type, version, reason } = error;
    await this.options.setAside.record({ service: this.service, component, position: event.globalPosition, eventId, type, version, reason, at: new Date().toISOString() });
  }

  private reached(position: string): boolean {
    const reached = this.position;
    return this.projections.length === 0 || (reached !== undefined && compareGlobalPositions(reached, position) >= 0);
  }

  /** Resolves once every event up to `position` is in every read model, or rejects after `timeoutMs`. */
  waitFor(position: string, timeoutMs = 5000): Promise<void> {
    return this.waitUntil(() => this.reached(position), timeoutMs).then((ok) => {
      if (!ok) throw new Error(`projections of ${this.service} did not reach ${position} within ${timeoutMs} ms`);
    });
  }

  /** Re-checks `condition` after every applied batch; resolves true when it holds, false at the deadline. */
  waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.applied.off('applied', check);
        resolve(result);
      };
      // A failing condition counts as "not yet"; the deadline still answers.
      const check = () =>
        void Promise.resolve()
          .then(condition)
          .then((ok) => ok && finish(true), () => undefined);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.applied.on('applied', check);
      check();
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }
}
