/**
 * Append throughput of SqliteEventStore: single-event appends, awaited one after another (as a command handler
 * does), to distinct streams and to one stream, on a WAL file in the OS temp folder.
 * Run: npx tsx libs/eventstore/bench/sqlite-append.bench.ts [appends per case, default 20000]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NewEvent } from '../src/event-store.port';
import { SqliteEventStore } from '../src/sqlite-event-store';

const count = Number(process.argv[2] ?? 20_000);

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

const measure = async (label: string, append: (store: SqliteEventStore, i: number) => Promise<unknown>) => {
  const dir = mkdtempSync(join(tmpdir(), 'eventstore-bench-'));
  const store = new SqliteEventStore(join(dir, 'events.db'));
  const events = Array.from({ length: count }, event);
  for (let i = 0; i < 1_000; i++) await store.append(`warmup-${i}`, [event()], 'no_stream');
  const started = performance.now();
  for (let i = 0; i < count; i++) await append(store, i);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`${label}: ${count} appends in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} appends/s`);
  return events;
};

const main = async () => {
  let events: NewEvent[] = [];
  const next = () => (events.length ? events.pop()! : event());
  events = Array.from({ length: count }, event);
  await measure('distinct streams (no_stream)', (store, i) => store.append(`slot-${i}`, [next()], 'no_stream'));
  events = Array.from({ length: count }, event);
  await measure('one stream (exact revision)', (store, i) => store.append('slot-1', [next()], i === 0 ? 'no_stream' : i - 1));
};

void main();
