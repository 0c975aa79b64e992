#!/usr/bin/env node
// Benchmark: books distinct slots with concurrent clients against the embedded platform (a real process on
// SQLite, started here) for a fixed time; prints bookings/s and latency percentiles.
//   npm run bench                                  (defaults)
//   BENCH_SECONDS=30 BENCH_CONCURRENCY=64 npm run bench
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, openSync } = require('node:fs');
const { tmpdir, cpus, totalmem } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const root = join(__dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const slotCount = Number(process.env.BENCH_SLOTS ?? 30000);
const port = Number(process.env.BENCH_PORT ?? 3999);
const secret = 'benchmark-secret-of-at-least-32-characters';
const base = `http://127.0.0.1:${port}`;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (n) => Math.round(n * 10) / 10;

async function waitHealthy(child) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`platform exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('platform did not become healthy');
}

async function main() {
  const { signToken } = require(join(root, 'dist/libs/access/src'));
  const key = new TextEncoder().encode(secret);
  const sign = (role) => signToken({ sub: `bench-${role}`, org: 'A81001', orgType: 'gp-practice', federations: [], role }, key);
  // Only a provider-admin publishes slots; a booker books them.
  const adminHeaders = { 'content-type': 'application/json', authorization: `Bearer ${await sign('provider-admin')}` };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await sign('booker')}` };
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
  const log = openSync(join(dataDir, 'platform.log'), 'a');
  // BENCH_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", go to the platform process only.
  const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const platform = spawn(process.execPath, [...nodeFlags, join(root, 'dist/apps/platform/src/main.js')], {
    // Throughput is measured without the per-organisation rate limit unless asked (RATE_LIMIT_PER_ORG=3000 npm run bench).
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, AUTH_SECRET: secret, RATE_LIMIT_PER_ORG: process.env.RATE_LIMIT_PER_ORG ?? 'off' },
    stdio: ['ignore', log, log],
  });
  try {
    await waitHealthy(platform);

    // Distinct future slots, published in batches of 500 (the bulk limit).
    const publishStart = performance.now();
    const slotIds = [];
    const first = Date.UTC(2031, 0, 1);
    for (let offset = 0; offset < slotCount; offset += 500) {
      const slots = [];
      for (let i = offset; i < Math.min(offset + 500, slotCount); i++) {
        const start = new Date(first + i * 10 * 60_000);
        slots.push({ organisation: 'A81001', serviceType: 'phlebotomy', deliveryChannel: 'in-person', start: start.toISOString(), end: new Date(start.getTime() + 600_000).toISOString() });
      }
      const response = await fetch(`${base}/slots`, { method: 'POST', headers: adminHeaders, body: JSON.stringify({ slots }) });
      if (response.status !== 201) throw new Error(`publishing failed: ${response.status} ${await response.text()}`);
      for (const item of (await response.json()).items) slotIds.push(item.id);
    }
    const publishSeconds = (performance.now() - publishStart) / 1000;

    // Booking: each client takes the next free slot until the time is up.
    const latencies = [];
    const steadyLatencies = []; // requests started after the first 2 s (JIT and caches warm)
    const statuses = {};
    let next = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    const client = async () => {
      while (performance.now() < deadline && next < slotIds.length) {
        const slotId = slotIds[next++];
        const t0 = performance.now();
        const response = await fetch(`${base}/appointments`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ slotId, patient: { nhsNumber: '9434765919', contact: { email: 'patient@example.org' } }, description: 'Benchmark booking' }),
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (t0 - started > 2000) steadyLatencies.push(performance.now() - t0);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    steadyLatencies.sort((a, b) => a - b);

    const result = {
      machine: `${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      mode: 'embedded (one process, SQLite event stores, in-process bus)',
      concurrency,
      seconds: round(elapsed),
      slotsPublished: slotIds.length,
      publishSlotsPerSecond: round(slotIds.length / publishSeconds),
      bookings: latencies.length,
      statuses,
      bookingsPerSecond: round((statuses[201] ?? 0) / elapsed),
      latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), max: round(latencies[latencies.length - 1]) },
      afterFirst2sMs: { p99: round(percentile(steadyLatencies, 99)), max: round(steadyLatencies[steadyLatencies.length - 1]) },
    };
    console.log(JSON.stringify(result, null, 2));
    if ((statuses[201] ?? 0) !== latencies.length) process.exitCode = 1; // every booking of a distinct free slot must succeed
  } finally {
    platform.kill('SIGTERM');
    await new Promise((r) => platform.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
