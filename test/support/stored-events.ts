import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

interface StoredEventRow {
  stream_id: string;
  type: string;
  data: string;
}

export interface StoredEvent {
  streamId: string;
  type: string;
  data: any;
}

/** What an auditor would read: every event of a service's SQLite store (`<dataDir>/<service>/events.sqlite`), in order. */
export function storedEvents(dataDir: string, service: string): StoredEvent[] {
  const db = new BetterSqlite3(join(dataDir, service, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT stream_id, type, data FROM events ORDER BY global_position').all() as StoredEventRow[]).map((row) => ({
      streamId: row.stream_id,
      type: row.type,
      data: JSON.parse(row.data),
    }));
  } finally {
    db.close();
  }
}
