#!/usr/bin/env node
// Benchmark: replay of the booking-service's read models in embedded mode against the raw scan of the same SQLite
// store, in one run. Writes BENCH_EVENTS booking events (default 1 000 000: requests, confirmations, amendments,
// reschedule attempts refused, cancellations, attendance) with one transaction of raw inserts, then measures
//   (a) raw scan: better-sqlite3 alone, SELECT … ORDER BY global_position, JSON.parse of data and metadata;
//   (b) replay: `npm run replay -- --service booking-service` (its own process, the real projection code).
// Each is measured BENCH_ROUNDS times (default 3), alternately; the medians are compared.
//   npm run bench:replay                 BENCH_EVENTS=200000 BENCH_ROUNDS=1 npm run bench:replay
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const root = join(__dirname, '..');
const dist = (path) => require(join(root, 'dist', path));
const { Database } = dist('libs/eventstore/src/sqlite/driver');
const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
/** As package.json's `replay` script runs it. */
const replayNodeFlags = /node (--[^ ]+ )*dist\/apps\/ops\/src\/replay\.js/.exec(require('../package.json').scripts.replay)[0].split(' ').filter((word) => word.startsWith('--'));
const dataDir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
const file = join(dataDir, 'booking-service', 'events.sqlite');

const requester = { organisation: 'A81001', organisationType: 'gp-practice', federations: ['F1'] };
const actor = { ...requester, user: 'bench-user', role: 'booker' };
const place = (n) => ({
  slotId: `slot-${n}`,
  reservationId: `r-${n}`,
  organisation: `Y${String(n % 500).padStart(5, '0')}`,
  organisationName: 'Riverside Surgery',
  federations: ['F1'],
  location: 'Room 2',
  practitionerRole: 'phlebotomist',
  serviceType: 'phlebotomy',
  deliveryChannel: 'in-person',
  start: new Date(Date.UTC(2030, 0, 1) + n * 600_000).toISOString(),
  end: new Date(Date.UTC(2030, 0, 1) + n * 600_000 + 600_000).toISOString(),
});
const patient = (n) => ({
  nhsNumber: String(9000000000 + (n % 999_999_999)),
  name: `Patient ${n}`,
  contact: { email: `patient${n}@example.org`, phone: '07700900123', preferredChannel: 'sms', language: 'en' },
});

/** One booking's story: its streams' events (booking, and a refused reschedule attempt now and then). */
function* story(n) {
  const bookingId = `b-${n}`;
  const booking = { bookingId, reservationId: `r-${n}`, slotId: `slot-${n}`, patient: patient(n), description: 'Blood test', bookedBy: requester };
  yield [`booking-${bookingId}`, 'BookingRequested', { ...booking, deadline: '2030-01-01T00:00:30.000Z' }];
  yield [`booking-${bookingId}`, 'BookingConfirmed', { ...place(n), bookingId, patient: booking.patient, description: 'Blood test', bookedBy: requester }];
  if (n % 10 === 0) yield [`booking-${bookingId}`, 'BookingAmended', { bookingId, description: 'Blood test, fasting', comment: 'Please fast from midnight' }];
  if (n % 20 === 0) {
    const attempt = { bookingId, rescheduleId: `x-${n}`, slotId: `slot-${n + 1}` };
    yield [`reschedule-x-${n}`, 'RescheduleRequested', { ...attempt, requester, deadline: '2030-01-01T00:01:00.000Z' }];
    yield [`reschedule-x-${n}`, 'RescheduleRefused', { ...attempt, reason: 'slot_full' }];
  }
  if (n % 7 === 0) yield [`booking-${bookingId}`, 'BookingCancelled', { bookingId, reservationId: `r-${n}`, slotId: `slot-${n}`, reason: 'patient asked' }];
  else if (n % 3 === 0) yield [`booking-${bookingId}`, 'BookingAttendanceRecorded', { bookingId, status: 'attended' }];
}

function writeFixture() {
  const { SqliteEventStore } = dist('libs/eventstore/src');
  new SqliteEventStore(file).close(); // the schema, as the service creates it
  const db = new Database(file);
  const insert = db.prepare('INSERT INTO events (id, stream_id, stream_position, type, version, data, metadata) VALUES (?, ?, ?, ?, 1, ?, ?)');
  let written = 0;
  db.transaction(() => {
    for (let n = 0; written < total; n++) {
      const revisions = new Map(); // a story's streams are its own
      for (const [streamId, type, data] of story(n)) {
        if (written === total) break;
        const position = revisions.get(streamId) ?? 0;
        revisions.set(streamId, position + 1);
        const metadata = { correlationId: `c-${n}`, causationId: `c-${n}`, actor, occurredAt: new Date(Date.UTC(2029, 0, 1) + written * 1000).toISOString() };
        insert.run(`e-${written}`, streamId, position, type, JSON.stringify(data), JSON.stringify(metadata));
        written++;
      }
    }
  })();
  db.close();
}

function rawScan() {
  const db = new Database(file, { readonly: true });
  const started = performance.now();
  let events = 0;
  for (const row of db.prepare('SELECT global_position, id, stream_id, stream_position, type, version, data, metadata FROM events ORDER BY global_position').iterate()) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    events++;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { events, seconds, rate: events / seconds };
}

/** The replay as `npm run replay -- --service booking-service` runs it: its own process, with the script's node flags. */
function replay() {
  const env = { ...process.env, DATA_DIR: dataDir };
  delete env.MONGODB_URL; // embedded mode
  const started = performance.now();
  const child = spawnSync(process.execPath, [...replayNodeFlags, join(root, 'dist/apps/ops/src/replay.js'), '--service', 'booking-service'], { env, encoding: 'utf8' });
  const processSeconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`replay exited ${child.status}: ${child.stderr}`);
  // The replay's own time, as its summary gives it (reading, projecting, counting): without the process's start.
  const seconds = Number(/, ([\d.]+) s, [\d,]+ events\/s$/m.exec(child.stdout)[1]);
  return { events: total, seconds, rate: total / seconds, processSeconds, summary: child.stdout.trim() };
}

const median = (results) => [...results].sort((a, b) => a.seconds - b.seconds)[Math.floor(results.length / 2)];

async function run() {
  const written = performance.now();
  writeFixture();
  console.log(`fixture: ${total.toLocaleString('en-GB')} booking-service events written in ${((performance.now() - written) / 1000).toFixed(1)} s`);
  const line = (name, r) => `${name}: ${r.events.toLocaleString('en-GB')} events in ${r.seconds.toFixed(2)} s = ${Math.round(r.rate).toLocaleString('en-GB')} events/s`;
  const scans = [];
  const replays = [];
  for (let round = 1; round <= rounds; round++) {
    // Alternated, so both see the machine alike.
    scans.push(rawScan());
    replays.push(replay());
    console.log(`round ${round}: ${line('raw scan', scans.at(-1))}; ${line('replay', replays.at(-1))} (whole process ${replays.at(-1).processSeconds.toFixed(2)} s)`);
  }
  console.log(replays.at(-1).summary);
  const [raw, replayed] = [median(scans), median(replays)];
  console.log(`median of ${rounds}: ${line('raw scan (better-sqlite3 + JSON.parse)', raw)}`);
  console.log(`median of ${rounds}: ${line('embedded replay (booking-service, 3 projections)', replayed)} (whole process ${replayed.processSeconds.toFixed(2)} s)`);
  console.log(`ratio: ${((replayed.rate / raw.rate) * 100).toFixed(1)} % of the raw scan rate (target ≥ 50 %)`);
}

run()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dataDir, { recursive: true, force: true }));
