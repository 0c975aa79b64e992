import type { Actor } from '@app/contracts';
import type { Decider, DomainEvent } from './decider';
import { deterministicId } from './deterministic-id';
import { EventStore, RecordedEvent, WrongExpectedRevisionError } from './event-store.port';

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

export interface CommandResult<State> {
  state: State;
  /** Revision of the stream's last event, -1 if the stream is still empty. */
  revision: number;
  /** Global position of the last event written, when the command wrote any. */
  position?: string;
  /** The events this command appended (empty when it changed nothing). */
  appended: DomainEvent[];
}

/** The domain's view of a stored event: its type and data; the envelope stays with the application. */
export const toDomainEvent = <Event extends DomainEvent = DomainEvent>(event: RecordedEvent): Event =>
  ({ type: event.type, data: event.data }) as Event;

/**
 * Load a stream, fold it, decide, append under the expected revision. On a concurrency conflict the
 * whole cycle runs again against the fresh state, so the decision always sees what it overrides.
 */
export class CommandHandler<Command, Event extends DomainEvent, State> {
  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, Event, State>,
    private readonly maxAttempts = 10,
  ) {}

  async load(streamId: string): Promise<{ state: State; revision: number }> {
    const events = await this.store.readStream(streamId);
    const state = events.map((event) => toDomainEvent<Event>(event)).reduce(this.decider.evolve, this.decider.initialState);
    return { state, revision: events.length - 1 };
  }

  async handle(streamId: string, command: Command, context: CommandContext): Promise<CommandResult<State>> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(streamId);
      const decided = this.decider.decide(command, state);
      if (decided.length === 0) return { state, revision, appended: [] };
      try {
        const result = await this.store.append(
          streamId,
          decided.map((event, index) => ({
            id: deterministicId(context.commandId, String(index)),
            type: event.type,
            version: 1,
            data: event.data,
            correlationId: context.correlationId,
            causationId: context.causationId,
            actor: context.actor,
            occurredAt: context.now.toISOString(),
          })),
          revision < 0 ? 'no_stream' : revision,
        );
        return {
          state: decided.reduce(this.decider.evolve, state),
          revision: result.nextRevision,
          position: result.position,
          appended: decided,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= this.maxAttempts) throw error;
      }
    }
  }
}
