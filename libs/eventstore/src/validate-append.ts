import type { ExpectedRevision, NewEvent } from './event-store.port';

/** Rejects appends no adapter should attempt, so both adapters fail the same way before touching storage. */
export const validateAppend = (streamId: string, events: NewEvent[], expected: ExpectedRevision): void => {
  if (streamId.length === 0) throw new RangeError('append: the stream id is empty');
  if (events.length === 0) throw new RangeError(`append to ${streamId}: at least one event is required`);
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`append to ${streamId}: expected revision ${expected} is not a revision (an integer from 0)`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (ids.has(event.id)) throw new RangeError(`append to ${streamId}: event id ${event.id} appears twice in one batch`);
    ids.add(event.id);
  }
};
