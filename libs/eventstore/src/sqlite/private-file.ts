import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates the file (empty, 0600) and its folder (0700, as every folder it has to make) when missing, so only the
 * owner can read what is written there: the stores hold NHS numbers. SQLite gives a database's -wal, -shm and
 * journal files the database file's mode. What already exists keeps its mode.
 */
export function createPrivateFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
}
