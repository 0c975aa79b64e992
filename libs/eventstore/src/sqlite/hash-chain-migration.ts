import type { Database } from 'better-sqlite3';
import { eventHash } from '../hash-chain';
import { eventColumns, toRecordedEvent, type EventRow } from './event-row';

const pageSize = 1_000;

const hasHashColumns = (db: Database): boolean => db.prepare("SELECT 1 FROM pragma_table_info('events') WHERE name = 'hash'").get() !== undefined;

/**
 * Gives a store the hash chain: adds the columns and links every stored event in global order, in one
 * transaction, once (a new store gets the columns while still empty). Under the write lock, so a second process
 * opening the same store meanwhile finds the work done.
 */
export const addHashChain = (db: Database): void => {
  if (hasHashColumns(db)) return;
  const migrate = db.transaction(() => {
    if (hasHashColumns(db)) return;
    db.exec('ALTER TABLE events ADD COLUMN hash TEXT; ALTER TABLE events ADD COLUMN previous_hash TEXT;');
    const page = db.prepare<[number, number], EventRow>(`SELECT ${eventColumns} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`);
    const link = db.prepare('UPDATE events SET hash = ?, previous_hash = ? WHERE global_position = ?');
    let previousHash: string | null = null;
    let after = 0;
    for (let rows = page.all(after, pageSize); rows.length > 0; rows = page.all(after, pageSize)) {
      for (const row of rows) {
        const hash = eventHash(toRecordedEvent(row), previousHash);
        link.run(hash, previousHash, row.global_position);
        previousHash = hash;
        after = row.global_position;
      }
    }
  });
  migrate.immediate();
};
