import type { Database, Statement } from 'better-sqlite3';
import { SetAsideEvent, SetAsideStore, bySetAsideOrder } from './set-aside.port';

const ddl = `
CREATE TABLE IF NOT EXISTS set_aside (
  component TEXT NOT NULL,
  event_id TEXT NOT NULL,
  service TEXT NOT NULL,
  position TEXT NOT NULL,
  type TEXT NOT NULL,
  version INTEGER NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (component, event_id)
) WITHOUT ROWID;
`;

interface Row {
  service: string;
  component: string;
  position: string;
  event_id: string;
  type: string;
  version: number;
  reason: string;
  at: string;
}

/** Set-aside events in table `set_aside` of the service's state database (embedded mode). */
export class SqliteSetAsideStore implements SetAsideStore {
  private readonly insert: Statement;
  private readonly all: Statement;
  private readonly total: Statement;

  constructor(db: Database) {
    db.exec(ddl);
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO set_aside (component, event_id, service, position, type, version, reason, at) VALUES (@component, @eventId, @service, @position, @type, @version, @reason, @at)',
    );
    this.all = db.prepare('SELECT * FROM set_aside');
    this.total = db.prepare('SELECT count(*) AS n FROM set_aside');
  }

  async record(event: SetAsideEvent): Promise<void> {
    this.insert.run(event);
  }

  async list(): Promise<SetAsideEvent[]> {
    return (this.all.all() as Row[]).map(({ event_id: eventId, ...row }) => ({ ...row, eventId })).sort(bySetAsideOrder);
  }

  async count(): Promise<number> {
    return (this.total.get() as { n: number }).n;
  }
}
