import type { RecordedEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Deadline, Projection } from '@app/service-kit';
import { entryChangeOf } from '../application/registry-changes';

/** A booked entry expires at `due` (its end plus the grace period) unless it changes before. */
export interface ExpiryDeadline extends Deadline {
  entryId: string;
  /** The end the deadline was set for: an expiry fired for an older end changes nothing. */
  end: string;
  correlationId: string;
  causationId: string;
}

export const expiryDeadlines = (documents: DocumentStore): Collection<ExpiryDeadline> =>
  documents.collection<ExpiryDeadline>('registry_expiry_deadlines', [['due']]);

/**
 * The booked entries' expiries, kept from the events (so they survive a restart): set when an entry is booked or
 * moves, gone once it is cancelled, expired or entered in error. A changed grace period counts from an entry's
 * next change (or, in embedded mode, from the next start, which rebuilds this read model).
 */
export class ExpiryDeadlinesProjection implements Projection {
  readonly name = 'expiry-deadlines';

  constructor(
    private readonly deadlines: Collection<ExpiryDeadline>,
    private readonly graceMs: number,
  ) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    const change = entryChangeOf(recorded);
    if (!change) return;
    const { entry } = change;
    if (entry.status !== 'booked') {
      await this.deadlines.deleteIfNewer(entry.id, recorded.globalPosition);
      return;
    }
    const due = new Date(Date.parse(entry.end) + this.graceMs).toISOString();
    await this.deadlines.putIfNewer({ id: entry.id, due, entryId: entry.id, end: entry.end, correlationId: recorded.correlationId, causationId: recorded.id }, recorded.globalPosition);
  }
}
