import { randomUUID } from 'node:crypto';
import { systemActor } from '@app/contracts';
import { EventStore, NewEvent, compareGlobalPositions } from '@app/eventstore';
import { AccessRecord, accessRecordedType, accessRecordedVersion } from './access-record';

interface Pending {
  record: AccessRecord;
  done: { resolve(): void; reject(error: unknown): void };
}

/** One stream per day (`<prefix>-<yyyy-mm-dd>`): appended to under no expected revision, read back whole by export. */
export const accessStream = (prefix: string, at: string): string => `${prefix}-${at.slice(0, 10)}`;

/**
 * Appends access records to the audit store. Records given in the same tick (concurrent requests) go in one
 * append per stream; `record` resolves once its record is stored, so a request is answered only after that.
 */
export class AccessRecorder {
  private pending: Pending[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private scheduled = false;
  /** The audit store's position of the last record stored (by this process). */
  lastPosition?: string;

  constructor(
    private readonly store: EventStore,
    private readonly streamPrefix: string,
  ) {}

  record(record: AccessRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ record, done: { resolve, reject } });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flushing = this.flushing.then(() => this.flush());
      });
    });
  }

  /** Waits until every record given so far is stored (or failed): before the store closes. */
  async drain(): Promise<void> {
    while (this.scheduled || this.pending.length > 0) await new Promise((resolve) => setImmediate(resolve));
    await this.flushing;
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    const byStream = new Map<string, Pending[]>();
    for (const item of batch) {
      const stream = accessStream(this.streamPrefix, item.record.at);
      byStream.set(stream, [...(byStream.get(stream) ?? []), item]);
    }
    await Promise.all(
      [...byStream].map(async ([stream, items]) => {
        try {
          const { position } = await this.store.append(stream, items.map(({ record }) => accessRecorded(record)), 'any');
          if (this.lastPosition === undefined || compareGlobalPositions(position, this.lastPosition) > 0) this.lastPosition = position;
          for (const { done } of items) done.resolve();
        } catch (error) {
          for (const { done } of items) done.reject(error);
        }
      }),
    );
  }
}

function accessRecorded(record: AccessRecord): NewEvent<AccessRecord> {
  const id = randomUUID();
  return {
    id,
    type: accessRecordedType,
    version: accessRecordedVersion,
    data: record,
    correlationId: record.correlationId,
    causationId: id,
    actor: systemActor(record.recordedBy),
    occurredAt: record.at,
  };
}
