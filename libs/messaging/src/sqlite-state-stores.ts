import type { Database, Statement } from 'better-sqlite3';
import type { CheckpointStore, ProcessedMessageStore } from './checkpoint-store.port';

const ddl = `
CREATE TABLE IF NOT EXISTS checkpoints (
  name TEXT PRIMARY KEY NOT NULL,
  position TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS processed (
  consumer TEXT NOT NULL,
  message_id TEXT NOT NULL,
  PRIMARY KEY (consumer, message_id)
) WITHOUT ROWID;
`;

/** WAL (a file-backed database keeps it; an in-memory one stays "memory") and both tables, idempotently. */
export const prepareSqliteStateSchema = (db: Database): void => {
  db.pragma('journal_mode = WAL');
  db.exec(ddl);
};

/** Relay and projection positions in table `checkpoints(name PK, position)`. */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly select: Statement;
  private readonly upsert: Statement;

  constructor(db: Database) {
    prepareSqliteStateSchema(db);
    this.select = db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.upsert = db.prepare(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
  }

  async load(name: string): Promise<string | undefined> {
    const row = this.select.get(name) as { position: string } | undefined;
    return row?.position;
  }

  async save(name: string, position: string): Promise<void> {
    this.upsert.run(name, position);
  }
}

/** Ids of handled messages per consumer in table `processed(consumer, message_id, PK both)`. */
export class SqliteProcessedMessageStore implements ProcessedMessageStore {
  private readonly select: Statement;
  private readonly insert: Statement;

  constructor(db: Database) {
    prepareSqliteStateSchema(db);
    this.select = db.prepare('SELECT 1 AS found FROM processed WHERE consumer = ? AND message_id = ?');
    this.insert = db.prepare('INSERT OR IGNORE INTO processed (consumer, message_id) VALUES (?, ?)');
  }

  async has(consumer: string, messageId: string): Promise<boolean> {
    return this.select.get(consumer, messageId) !== undefined;
  }

  async add(consumer: string, messageId: string): Promise<void> {
    this.insert.run(consumer, messageId);
  }
}
