import type { Actor } from '@app/contracts';
import type { Decider, DomainEvent } from './decider';
import { deterministicId } from './deterministic-id';
import { EventStore, NewEvent, RecordedEvent, WrongExpectedRevisionError } from './event-store.port';
import { StaleRevisionError } from './stale-revision.error';

/** Who and why: the context every command runs in, recorded on the events it produces. */
export interface CommandContext {
  /** Unique per command; retries of the same command must reuse it (event ids derive from it). */
  commandId: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** When the command happened; the domain never reads the clock itself. */
  now: Date;
}

export interface CommandOptions {
  /**
   * The revision the caller read (from If-Match): the command is decided only against that revision, and a
   * stream that moved on (before or during the command) gives StaleRevisionError instead of a retry.
   */
  expectedRevision?: number;
  /**
   * Decide only on a stream that already has events: on an empty one nothing is decided or appended (the result's
   * revision is -1), so the command can never start a stream. Known from the one read the handler makes anyway.
   */
  existingStreamOnly?: boolean;
}

export interface CommandResult<State> {
  state: State;
  /** Revision of the stream's last event, -1 if the stream is still empty. */
  revision: number;
  /** Global position of the command's last event, when it has any. */
  position?: string;
  /** What the store holds for this command: just appended, or found from an earlier identical attempt. */
  events: RecordedEvent[];
  /** True when the store already had this command's events (a repeat): nothing was decided or appended now. */
  repeated: boolean;
}

/** The domain's view of a stored event: its type and data; the envelope stays with the application. */
export const toDomainEvent = <Event extends DomainEvent = DomainEvent>(event: RecordedEvent): Event =>
  ({ type: event.type, data: event.data }) as Event;

const unstampedVersion = 1;

/** Id of the command's n-th event: a retry of the command produces the very same ids. */
const eventId = (commandId: string, index: number): string => deterministicId(commandId, String(index));

/** The command's events in the stream (one batch, so consecutive); empty when it has none there. */
const eventsOfCommand = (events: RecordedEvent[], commandId: string): RecordedEvent[] => {
  const start = events.findIndex((event) => event.id === eventId(commandId, 0));
  if (start < 0) return [];
  let end = start + 1;
  while (end < events.length && events[end].id === eventId(commandId, end - start)) end++;
  return events.slice(start, end);
};

/**
 * Load a stream, fold it, decide, append under the expected revision. On a concurrency conflict the whole
 * cycle runs again against the fresh state, so the decision always sees what it overrides (unless the caller
 * named the revision it decided on: then the conflict is a StaleRevisionError). A repeated command (its
 * events already stored) is answered from the store without deciding again.
 */
export class CommandHandler<Command, Event extends DomainEvent, State> {
  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, Event, State>,
    private readonly maxAttempts = 10,
  ) {}

  async load(streamId: string): Promise<{ state: State; revision: number }> {
    const { state, revision } = this.fold(await this.store.readStream(streamId));
    return { state, revision };
  }

  async handle(streamId: string, command: Command, context: CommandContext, options: CommandOptions = {}): Promise<CommandResult<State>> {
    const { expectedRevision, existingStreamOnly } = options;
    for (let attempt = 1; ; attempt++) {
      const stored = await this.store.readStream(streamId);
      const { state, revision } = this.fold(stored);
      const earlier = eventsOfCommand(stored, context.commandId);
      if (earlier.length > 0) return this.repeat(state, revision, earlier);
      if (existingStreamOnly && revision < 0) return { state, revision, events: [], repeated: false };
      if (expectedRevision !== undefined && expectedRevision !== revision) {
        throw new StaleRevisionError(streamId, expectedRevision, revision);
      }
      const decided = this.decider.decide(command, state);
      if (decided.length === 0) return { state, revision, events: [], repeated: false };
      try {
        const appended = await this.store.append(streamId, this.toNewEvents(decided, context), revision < 0 ? 'no_stream' : revision);
        if (appended.duplicate) {
          // A concurrent identical attempt stored its own decision first: that is what this command did.
          const now = await this.store.readStream(streamId);
          const { state: current, revision: currentRevision } = this.fold(now);
          return this.repeat(current, currentRevision, eventsOfCommand(now, context.commandId));
        }
        const written = await this.store.readStream(streamId, { fromRevision: revision + 1 });
        return {
          state: decided.reduce(this.decider.evolve, state),
          revision: appended.nextRevision,
          position: appended.position,
          events: eventsOfCommand(written, context.commandId),
          repeated: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (expectedRevision !== undefined) {
          throw new StaleRevisionError(streamId, expectedRevision, error.actual === 'no_stream' ? -1 : error.actual);
        }
        if (attempt >= this.maxAttempts) throw error;
      }
    }
  }

  private fold(events: RecordedEvent[]): { state: State; revision: number } {
    const state = events.map((event) => toDomainEvent<Event>(event)).reduce(this.decider.evolve, this.decider.initialState);
    return { state, revision: events.length - 1 };
  }

  private repeat(state: State, revision: number, events: RecordedEvent[]): CommandResult<State> {
    return { state, revision, position: events[events.length - 1]?.globalPosition, events, repeated: true };
  }

  private toNewEvents(decided: Event[], context: CommandContext): NewEvent[] {
    return decided.map((event, index) => ({
      id: eventId(context.commandId, index),
      type: event.type,
      // Which version the event is written in is the store's to say: a service's UpcastingEventStore stamps the
      // type's current version over this; a bare store (a test of the handler alone) keeps the first.
      version: unstampedVersion,
      data: event.data,
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: context.actor,
      occurredAt: context.now.toISOString(),
    }));
  }
}
