import type { RecordedEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '../projection-runner';
import { AccessRecord, accessRecordedType } from './access-record';
import { newestFirstKey } from './newest-first-page';

/** An access record as auditors list it; `id` is the recorded event's. */
export interface AccessRecordView extends AccessRecord {
  id: string;
  /** The audit store's global position: the record's sequence number in the store that holds it. */
  sequence: string;
  /** The actor's organisation, flat, to filter on. */
  organisation?: string;
  /** The route's parameter values, to find the requests that named an appointment. */
  resourceValues: string[];
  /** `<at>|<id>`: the listing's order (newest first) and page key. */
  key: string;
}

export const accessRecords = (documents: DocumentStore): Collection<AccessRecordView> =>
  documents.collection<AccessRecordView>('access_records', [['key'], ['nhsNumber', 'key'], ['organisation', 'key'], ['outcome', 'key'], ['route', 'key'], ['correlationId'], ['resourceValues']]);

export class AccessRecordsProjection implements Projection {
  readonly name = 'access-records';
  constructor(private readonly records: Collection<AccessRecordView>) {}

  async apply(event: RecordedEvent): Promise<void> {
    if (event.type !== accessRecordedType) return;
    const record = event.data as AccessRecord;
    await this.records.putIfNewer(
      {
        id: event.id,
        ...record,
        sequence: event.globalPosition,
        ...(record.actor ? { organisation: record.actor.organisation } : {}),
        resourceValues: Object.values(record.resourceIds),
        key: newestFirstKey(record.at, event.id),
      },
      event.globalPosition,
    );
  }
}
