import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { EventEnvelope } from '@app/contracts';
import type { DeadLetter } from './dead-letter';
import { deadLetterStatus, type DeadLetterDecision, type DeadLetterStatus } from './dead-letter-status';

export interface StoredDeadLetter extends DeadLetter {
  id: string;
  /** When the group last gave up on the message. */
  failedAt: string;
  status: DeadLetterStatus;
}

interface Row {
  id: string;
  failed_at: string;
  dead_letter: string;
  status: DeadLetterDecision['status'] | null;
  status_at: string | null;
}

const toDeadLetter = (row: Row): StoredDeadLetter => ({
  id: row.id,
  failedAt: row.failed_at,
  ...(JSON.parse(row.dead_letter) as DeadLetter),
  status: deadLetterStatus(row.failed_at, row.status && row.status_at ? { status: row.status, at: row.status_at } : undefined),
});

/** Stores written before operators could decide about letters get the two columns of that decision. */
const addDecisionColumns = (db: Database): void => {
  if (db.prepare("SELECT 1 FROM pragma_table_info('dead_letters') WHERE name = 'status'").get()) return;
  db.exec('ALTER TABLE dead_letters ADD COLUMN status TEXT; ALTER TABLE dead_letters ADD COLUMN status_at TEXT;');
};

/**
 * Keeps dead letters on disk in embedded mode, where the in-process bus retains nothing: a message a consumer gave
 * up on is kept for an operator to inspect, retry or discard (npm run dead-letters) instead of being lost. (Kafka
 * keeps `<topic>.dlq` itself.) An operator's retry is only requested here: the platform, which owns the bus,
 * republishes it (DeadLetterRedelivery).
 */
export class SqliteDeadLetterStore {
  private readonly upsert: Statement;
  private readonly selectAll: Statement<[], Row>;
  private readonly selectOne: Statement<[string], Row>;
  private readonly decide: Statement<[DeadLetterDecision['status'], string, string]>;
  private readonly claim: Transaction<() => StoredDeadLetter[]>;

  constructor(db: Database) {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS dead_letters (
      id TEXT PRIMARY KEY NOT NULL,
      failed_at TEXT NOT NULL,
      dead_letter TEXT NOT NULL
    ) WITHOUT ROWID`);
    addDecisionColumns(db);
    // A later failure of the same message (its retry failed too) replaces the earlier one; a redelivery of the same failure changes nothing.
    this.upsert = db.prepare(`INSERT INTO dead_letters (id, failed_at, dead_letter) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET failed_at = excluded.failed_at, dead_letter = excluded.dead_letter WHERE excluded.failed_at > dead_letters.failed_at`);
    this.selectAll = db.prepare('SELECT * FROM dead_letters ORDER BY failed_at, id');
    this.selectOne = db.prepare('SELECT * FROM dead_letters WHERE id = ?');
    this.decide = db.prepare('UPDATE dead_letters SET status = ?, status_at = ? WHERE id = ?');
    const requested = db.prepare<[], Row>("SELECT * FROM dead_letters WHERE status = 'retry-requested' AND status_at > failed_at ORDER BY failed_at, id");
    this.claim = db.transaction(() => {
      const letters = requested.all().map(toDeadLetter);
      const now = new Date().toISOString();
      for (const letter of letters) this.decide.run('retried', now, letter.id);
      return letters;
    });
  }

  /** Stores a `<topic>.dlq` envelope; the same failure delivered again is stored once. */
  async record(envelope: EventEnvelope<DeadLetter>): Promise<void> {
    this.upsert.run(envelope.id, envelope.occurredAt, JSON.stringify(envelope.data));
  }

  async list(): Promise<StoredDeadLetter[]> {
    return this.selectAll.all().map(toDeadLetter);
  }

  async find(id: string): Promise<StoredDeadLetter | undefined> {
    const row = this.selectOne.get(id);
    return row && toDeadLetter(row);
  }

  /** Records an operator's decision; false when there is no such letter. */
  async setStatus(id: string, status: DeadLetterDecision['status'], at = new Date()): Promise<boolean> {
    return this.decide.run(status, at.toISOString(), id).changes > 0;
  }

  /** The letters whose retry was requested, now marked retried: the caller republishes them. */
  async claimRetries(): Promise<StoredDeadLetter[]> {
    return this.claim.immediate();
  }
}
