import { EventStore, KurrentDbEventStore, SqliteEventStore } from '@app/eventstore';
import { CheckpointStore, MongoCheckpointStore, MongoSetAsideStore, SetAsideStore } from '@app/messaging';
import { Collection, DocumentStore, MongoDocumentStore } from '@app/readmodel';
import { openSqliteState, sqliteFiles } from '../infra/embedded-infra';
import { ProjectionRunner } from '../projection-runner';
import { AccessRecorder } from './access-recorder';
import { AccessRecordView, AccessRecordsProjection, accessRecords } from './access-records.projection';
import { TimelineItem, timelineItems } from './timeline.projection';

/** The audit store of a process (spec decision 7): DATA_DIR/audit (embedded) or DATA_DIR/audit-<service> (distributed). */
export const auditStoreFile = (dataDir: string, service?: string): string => sqliteFiles(dataDir, service ? `audit-${service}` : 'audit').events;

/** The database every distributed service shares for access records and the timeline, so any of them answers for all. */
export const auditDatabase = (mongoDatabasePrefix: string): string => `${mongoDatabasePrefix}_audit`;

interface AccessAuditParts {
  /** `platform` or the service: who answered the requests it records. */
  recordedBy: string;
  store: EventStore;
  streamPrefix: string;
  documents: DocumentStore;
  /** Durable read models keep their position; in-memory ones rebuild from the start. */
  checkpoints?: CheckpointStore;
  /** Where the projection records an audit event it cannot read before it moves on. */
  setAside: SetAsideStore;
  /** Closes what only the audit opened (after its store). */
  closeOwn?: () => void;
}

/**
 * The access audit of one process: the recorder (requests to the audit store), the projection of that store into
 * `access_records`, and the shared read side (`access_records`, `timeline`) the audit routes answer from.
 */
export class AccessAudit {
  readonly recordedBy: string;
  readonly recorder: AccessRecorder;
  readonly records: Collection<AccessRecordView>;
  readonly timeline: Collection<TimelineItem>;
  private readonly store: EventStore;
  private readonly projection: ProjectionRunner;
  private readonly closeOwn?: () => void;

  constructor(parts: AccessAuditParts) {
    this.recordedBy = parts.recordedBy;
    this.store = parts.store;
    this.recorder = new AccessRecorder(parts.store, parts.streamPrefix);
    this.records = accessRecords(parts.documents);
    this.timeline = timelineItems(parts.documents);
    this.projection = new ProjectionRunner(`audit-${parts.recordedBy}`, parts.store, [new AccessRecordsProjection(this.records)], {
      checkpoints: parts.checkpoints,
      setAside: parts.setAside,
    });
    this.closeOwn = parts.closeOwn;
  }

  start(): Promise<void> {
    return this.projection.start();
  }

  /** Waits (a little) until the records this process stored are listed: an auditor reads what was answered before. */
  async caughtUp(timeoutMs = 2000): Promise<void> {
    const position = this.recorder.lastPosition;
    if (position !== undefined) await this.projection.waitFor(position, timeoutMs).catch(() => undefined);
  }

  /** After HTTP closed: every record stored, then the projection stopped, then the store closed (the documents are shared: their opener closes them). */
  async close(): Promise<void> {
    await this.recorder.drain();
    await this.projection.stop();
    await this.store.close();
    this.closeOwn?.();
  }
}

/** Embedded: one audit for the platform, its read side in the in-memory documents the services share for the timeline. */
export function embeddedAccessAudit(dataDir: string, documents: DocumentStore, recordedBy = 'platform'): AccessAudit {
  const store = new SqliteEventStore(auditStoreFile(dataDir));
  const state = openSqliteState(sqliteFiles(dataDir, 'audit').state);
  return new AccessAudit({ recordedBy, store, streamPrefix: 'access', documents, setAside: state.setAside, closeOwn: () => state.db.close() });
}

/** The shared audit database (distributed); the process closes it last, after its services stopped. */
export const connectAuditDocuments = (mongoUrl: string, mongoDatabasePrefix: string): Promise<MongoDocumentStore> =>
  MongoDocumentStore.connect(mongoUrl, auditDatabase(mongoDatabasePrefix));

/** Distributed: an audit store per service (KurrentDB streams `access-<service>-…`, or SQLite), read side in the shared database. */
export function distributedAccessAudit(service: string, settings: { dataDir: string; eventStoreUrl?: string }, documents: MongoDocumentStore): AccessAudit {
  const store = settings.eventStoreUrl ? new KurrentDbEventStore(settings.eventStoreUrl) : new SqliteEventStore(auditStoreFile(settings.dataDir, service));
  return new AccessAudit({
    recordedBy: service,
    store,
    streamPrefix: `access-${service}`,
    documents,
    checkpoints: new MongoCheckpointStore(documents.db),
    setAside: new MongoSetAsideStore(documents.db),
  });
}
