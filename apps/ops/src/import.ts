import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { ChainVerifier, type ChainScope, type RecordedEvent } from '@app/eventstore';
import { parseOptions, runAsProcess, type Command, type CommandIo } from './cli';
import { chosenStore } from './event-stores';
import { openServiceStore, storeSettings } from './service-stores';

const usage = 'npm run import -- (--service <name> | --audit | --store <name>) < events.ndjson';

const batchSize = 1_000;

/** The file's lines, numbered from 1, without blank ones. */
async function* numberedLines(file: string): AsyncGenerator<[number, string]> {
  let number = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    number++;
    if (line.trim() !== '') yield [number, line];
  }
}

const isExportedEvent = (value: unknown): value is RecordedEvent => {
  const event = value as Partial<RecordedEvent> | null;
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof event.id === 'string' &&
    typeof event.type === 'string' &&
    typeof event.streamId === 'string' &&
    typeof event.globalPosition === 'string' &&
    Number.isSafeInteger(event.streamPosition) &&
    Number.isSafeInteger(event.version)
  );
};

/** The file's events, each checked against the chain as it comes; throws naming the first line that does not fit. */
async function* verifiedEvents(file: string, scope: ChainScope): AsyncGenerator<RecordedEvent> {
  const verifier = new ChainVerifier(scope);
  for await (const [number, line] of numberedLines(file)) {
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      throw new Error(`line ${number}: not JSON`);
    }
    if (!isExportedEvent(event)) throw new Error(`line ${number}: not an exported event (id, type, streamId, streamPosition, version, globalPosition)`);
    const broken = verifier.check(event);
    if (broken) throw new Error(`line ${number}: ${broken.kind} event ${event.id} at position ${event.globalPosition}: ${broken.reason}`);
    yield event;
  }
}

/** stdin kept in a file: verified whole before anything is stored, so a tampered file leaves the store empty. */
async function spool(io: CommandIo, folder: string): Promise<string> {
  const file = join(folder, 'events.ndjson');
  await pipeline(io.stdin, createWriteStream(file, { mode: 0o600 }));
  return file;
}

const restore = async (store: ReturnType<typeof openServiceStore>, events: RecordedEvent[]): Promise<number> => {
  await store.restore(events);
  return events.length;
};

/**
 * Loads an export (npm run export) into an empty store: ids, streams and stream positions, versions, metadata,
 * data and hash links as they were, and in SQLite the same global positions too (the hashes cover them). Every
 * line's hash and link is checked first; a file that does not verify is refused naming its first bad line.
 */
export const importEvents: Command = async (args, io) => {
  const options = parseOptions(args, { service: { type: 'string' }, store: { type: 'string' }, audit: { type: 'boolean' } });
  const name = chosenStore(options);
  const store = openServiceStore(name, storeSettings(io.env));
  const folder = mkdtempSync(join(tmpdir(), 'import-'));
  try {
    if ((await store.readAll({ limit: 1 })).length > 0) {
      io.stderr.write(`${name} already holds events: import only into an empty store\n`);
      return 1;
    }
    const file = await spool(io, folder);
    // First pass: the whole file must verify before anything is stored. Second pass: store it, a batch at a time.
    for await (const _ of verifiedEvents(file, store.chainScope));
    const batch: RecordedEvent[] = [];
    let imported = 0;
    for await (const event of verifiedEvents(file, store.chainScope)) {
      batch.push(event);
      if (batch.length === batchSize) imported += await restore(store, batch.splice(0));
    }
    imported += await restore(store, batch);
    io.stderr.write(`imported ${imported} events into ${name}\n`);
    return 0;
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await store.close();
  }
};

if (require.main === module) runAsProcess(importEvents, usage);
