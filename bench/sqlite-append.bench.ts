/**
 * Append throughput of SqliteEventStore: single-event appends awaited one after another (as a command handler
 * does), to distinct streams and to one stream. Each case runs several rounds on a fresh WAL file in the OS
 * temp folder (and once in memory, to separate the code's cost from the disk's); prints median, min and max.
 * Run: npx tsx bench/sqlite-append.bench.ts [appends per round = 10000] [rounds = 5]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ExpectedRevision, NewEvent } from '../libs/eventstore/src/event-store.port';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../libs/eventstore/src/sqlite-event-store';

const count = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 5);

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'SlotBooked',
  version: 1,
  data: { slotId: randomUUID(), patient: '9434765919', at: '2025-03-01T09:30:00.000Z' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { organisation: 'RXX01', organisationType: 'trust', user: 'bench', role: 'clinician', federations: ['north'] },
  occurredAt: new Date().toISOString(),
});

type Target = (i: number) => { stream: string; expected: ExpectedRevision };
const distinctStreams: Target = (i) => ({ stream: `slot-${i}`, expected: 'no_stream' });
const oneStream: Target = (i) => ({ stream: 'slot-1', expected: i === 0 ? 'no_stream' : i - 1 });

const round = async (file: string, target: Target, options: SqliteEventStoreOptions): Promise<number> => {
  const store = new SqliteEventStore(file, options);
  const events = Array.from({ length: count }, event);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const { stream, expected } = target(i);
    await store.append(stream, [events[i]], expected);
  }
  const rate = count / ((performance.now() - started) / 1000);
  await store.close();
  return rate;
};

const run = async (label: string, target: Target, where: 'file' | 'memory', options: SqliteEventStoreOptions = {}) => {
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'eventstore-bench-'));
    rates.push(await round(where === 'file' ? join(dir, 'events.db') : ':memory:', target, options));
    rmSync(dir, { recursive: true, force: true });
  }
  rates.sort((a, b) => a - b);
  const [min, median, max] = [rates[0], rates[Math.floor(rates.length / 2)], rates[rates.length - 1]].map(Math.round);
  console.log(`${label.padEnd(52)} median ${median} appends/s (min ${min}, max ${max})`);
};

const main = async () => {
  console.log(`${rounds} rounds of ${count} single-event appends each`);
  await run('file, distinct streams', distinctStreams, 'file');
  await run('file, one stream', oneStream, 'file');
  await run('file, distinct streams, SQLite default checkpointing', distinctStreams, 'file', { walAutocheckpointPages: 1000 });
  await run('memory, distinct streams', distinctStreams, 'memory');
  await run('memory, one stream', oneStream, 'memory');
};

void main();
