/** A domain event as the pure domain sees it: a past-tense type and its data, nothing else. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * The decider pattern: `decide` turns a command and the current state into new events (or throws a domain
 * error); `evolve` folds an event into the state. Pure: time and ids arrive inside the command.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export const fold = <Event extends DomainEvent, State>(decider: Pick<Decider<never, Event, State>, 'initialState' | 'evolve'>, events: Event[]): State =>
  events.reduce(decider.evolve, decider.initialState);

/** What kind of rule a command broke; the HTTP layer turns it into a status (409, 404, 422, 403). */
export type DomainErrorKind = 'conflict' | 'not-found' | 'invalid' | 'forbidden';

/** A command refused by a domain rule: a stable code for machines, a sentence for people. */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
  ) {
    super(message);
  }
}
