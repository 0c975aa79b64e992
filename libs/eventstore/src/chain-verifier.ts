import type { RecordedEvent } from './event-store.port';
import { eventHash, type ChainScope } from './hash-chain';

/** The first event that does not fit its chain, and why. */
export interface ChainBreak {
  /** altered: its content does not give its hash; unlinked: it does not follow the hash before it. */
  kind: 'altered' | 'unlinked';
  event: RecordedEvent;
  reason: string;
}

/**
 * Checks events, handed to it in global order, against their hash chain: each must name the hash of the event
 * before it in its chain (or none, for the first), and its content must give its own hash. An altered event fails
 * the second check; a removed one (or a reordering) the first, at the event after the gap. Removing the very last
 * events leaves nothing after them to notice: only a head hash kept elsewhere (see `head`) shows that.
 */
export class ChainVerifier {
  /** Last hash of each chain: one chain ('') for a store, one per stream for a 'stream' scope. */
  private readonly lastHashes = new Map<string, string>();
  /** Events that passed. */
  verified = 0;
  /** The last event that passed: the head to anchor (keep elsewhere) and compare later. */
  head?: RecordedEvent;

  constructor(private readonly scope: ChainScope) {}

  /** Undefined when `event` fits; stop at the first break, the events after it cannot be judged. */
  check(event: RecordedEvent): ChainBreak | undefined {
    const chain = this.scope === 'store' ? '' : event.streamId;
    const expectedPrevious = this.lastHashes.get(chain) ?? null;
    if (!event.hash) return { kind: 'altered', event, reason: 'it carries no hash' };
    if ((event.previousHash ?? null) !== expectedPrevious) {
      const before = expectedPrevious ?? 'none: it should be the first';
      return { kind: 'unlinked', event, reason: `it does not follow the event before it (expected previous hash ${before}): an event was removed or moved` };
    }
    const hashed = this.scope === 'store' ? event : { ...event, globalPosition: undefined };
    if (eventHash(hashed, expectedPrevious) !== event.hash) return { kind: 'altered', event, reason: 'its content does not match its hash' };
    this.lastHashes.set(chain, event.hash);
    this.verified++;
    this.head = event;
    return undefined;
  }
}
