import { existsSync, readdirSync } from 'node:fs';
import { Database } from '@app/eventstore/sqlite/driver';
import { SqliteDeadLetterStore, SqliteSetAsideStore, type SetAsideEvent, type StoredDeadLetter } from '@app/messaging';
import { deadLettersFile, sqliteFiles } from '@app/service-kit';
import type { DeadLetterDesk, ListedDeadLetter } from './dead-letter-desk';

const listed = (letter: StoredDeadLetter): ListedDeadLetter => ({
  id: letter.id,
  failedAt: letter.failedAt,
  status: letter.status,
  topic: letter.topic,
  groupId: letter.groupId,
  attempts: letter.attempts,
  error: letter.error,
  event: { type: letter.event.type, id: letter.event.id },
});

/** What a service's state.sqlite holds of set-aside events (the projection runner and relay record them there). */
const setAsideIn = async (file: string): Promise<SetAsideEvent[]> => {
  const db = new Database(file, { fileMustExist: true });
  try {
    return await new SqliteSetAsideStore(db).list();
  } finally {
    db.close();
  }
};

/**
 * Embedded mode: the platform keeps dead letters in DATA_DIR/platform/dead-letters.sqlite. The bus lives in the
 * platform's process, so a retry is a request the running platform carries out within seconds (or at its next start).
 */
export class EmbeddedDeadLetterDesk implements DeadLetterDesk {
  private readonly db?: Database;
  private readonly store?: SqliteDeadLetterStore;

  constructor(private readonly dataDir: string) {
    // No file: the platform never ran here, so there are no dead letters (and none is created by looking).
    if (existsSync(deadLettersFile(dataDir))) {
      this.db = new Database(deadLettersFile(dataDir));
      this.store = new SqliteDeadLetterStore(this.db);
    }
  }

  async list(): Promise<ListedDeadLetter[]> {
    return ((await this.store?.list()) ?? []).map(listed);
  }

  async retry(id: string): Promise<string | undefined> {
    const letter = await this.store?.find(id);
    if (!letter || !(await this.store?.setStatus(id, 'retry-requested'))) return undefined;
    return `retry requested: the running platform republishes ${letter.event.type} ${letter.event.id} to ${letter.topic} within seconds (or when it next starts)`;
  }

  async discard(id: string): Promise<boolean> {
    return (await this.store?.setStatus(id, 'discarded')) ?? false;
  }

  async setAside(): Promise<SetAsideEvent[]> {
    if (!existsSync(this.dataDir)) return [];
    const files = readdirSync(this.dataDir)
      .map((folder) => sqliteFiles(this.dataDir, folder).state)
      .filter((file) => existsSync(file));
    return (await Promise.all(files.map(setAsideIn))).flat();
  }

  async close(): Promise<void> {
    this.db?.close();
  }
}
