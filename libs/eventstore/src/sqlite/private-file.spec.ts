import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite-event-store';
import { createPrivateFile } from './private-file';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('createPrivateFile', () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'private-file-'));
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes missing folders 0700 and an empty file 0600', () => {
    createPrivateFile(join(dir, 'a', 'b', 'events.sqlite'));

    expect([modeOf(join(dir, 'a')), modeOf(join(dir, 'a', 'b')), modeOf(join(dir, 'a', 'b', 'events.sqlite'))]).toEqual(['700', '700', '600']);
    expect(readFileSync(join(dir, 'a', 'b', 'events.sqlite'), 'utf8')).toBe('');
  });

  it('leaves an existing file as it is: contents and mode (only what it creates is made private)', () => {
    const file = join(dir, 'events.sqlite');
    writeFileSync(file, 'kept');
    chmodSync(file, 0o640);

    createPrivateFile(file);

    expect([readFileSync(file, 'utf8'), modeOf(file)]).toEqual(['kept', '640']);
  });

  it('gives a SQLite event store and its -wal and -shm files the owner-only mode', async () => {
    const store = new SqliteEventStore(join(dir, 'store', 'events.sqlite'));
    try {
      expect(['store', 'store/events.sqlite', 'store/events.sqlite-wal', 'store/events.sqlite-shm'].map((path) => modeOf(join(dir, path)))).toEqual(['700', '600', '600', '600']);
    } finally {
      await store.close();
    }
  });
});
