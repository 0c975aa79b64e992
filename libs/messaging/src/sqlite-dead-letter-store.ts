import type { Database, Statement } from 'better-sqlite3';
import type { EventEnvelope } from '@app/contracts';
import type { DeadLetter } from './dead-letter';

export interface StoredDeadLetter extends DeadLetter {
  id: string;
  failedAt: string;
}

/**
 * Keeps dead letters on disk in embedded mode, where the in-process bus retains nothing: a message a consumer gave
 * up on is kept for an operator to inspect and replay instead of being lost. (Kafka keeps `<topic>.dlq` itself.)
 */
export class SqliteDeadLetterStore {
  private readonly insert: Statement;
  private readonly selectAll: Statement<[], { id: string; failed_at: string; dead_letter: string }>;

  constructor(db: Database) {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS dead_letters (
      id TEXT PRIMARY KEY NOT NULL,
      failed_at TEXT NOT NULL,
      dead_letter TEXT NOT NULL
    ) WITHOUT ROWID`);
    this.insert = db.prepare('INSERT OR IGNORE INTO dead_letters (id, failed_at, dead_letter) VALUES (?, ?, ?)');
    this.selectAll = db.prepare('SELECT id, failed_at, dead_letter FROM dead_letters ORDER BY failed_at, id');
  }

  /** Stores a `<topic>.dlq` envelope once, however often it is delivered. */
  async record(envelope: EventEnvelope<DeadLetter>): Promise<void> {
    this.insert.run(envelope.id, envelope.occurredAt, JSON.stringify(envelope.data));
  }

  async list(): Promise<StoredDeadLetter[]> {
    return this.selectAll.all().map((row) => ({ id: row.id, failedAt: row.failed_at, ...(JSON.parse(row.dead_letter) as DeadLetter) }));
  }
}
