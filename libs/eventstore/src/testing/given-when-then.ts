import type { Decider, DomainEvent } from '../decider';

/**
 * Given/when/then for deciders: given past events, when a command, then these events (or this domain error).
 * Pure: no store, no clock.
 */
export const given = <Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>, history: Event[]) => ({
  when: (command: Command) => {
    const state = history.reduce(decider.evolve, decider.initialState);
    const decide = () => decider.decide(command, state);
    return {
      then: (expected: Event[]) => expect(decide()).toEqual(expected),
      thenFails: (code: string) => expect(decide).toThrow(expect.objectContaining({ code })),
    };
  },
});
