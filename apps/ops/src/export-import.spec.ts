import { rmSync } from 'node:fs';
import { auditVerify } from './audit-verify';
import { exportEvents } from './export';
import { importEvents } from './import';
import { run } from './testing/run';
import { rows, tempDataDir, writeStore } from './testing/sqlite-stores';

const lines = (ndjson: string) => ndjson.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('npm run export and npm run import', () => {
  let source: string;
  let target: string;
  const exportFrom = (...args: string[]) => run(exportEvents, args, { DATA_DIR: source });
  const importInto = (ndjson: string, ...args: string[]) => run(importEvents, args, { DATA_DIR: target }, ndjson);

  beforeEach(async () => {
    source = tempDataDir();
    target = tempDataDir();
    await writeStore(source, 'registry-service', 2_345);
    await writeStore(source, 'audit', 4);
  });

  afterEach(() => {
    rmSync(source, { recursive: true, force: true });
    rmSync(target, { recursive: true, force: true });
  });

  it('exports every event as stored, one JSON line each: envelope, data, version, position and hash link', async () => {
    const exported = await exportFrom('--service', 'registry-service');

    expect(exported.code).toBe(0);
    const events = lines(exported.stdout);
    expect(events).toHaveLength(2_345);
    expect(events[1]).toEqual({
      id: expect.any(String),
      type: 'Happened1',
      version: 1,
      streamId: 'registry-service-1',
      streamPosition: 0,
      globalPosition: '2',
      data: { index: 1, name: 'patient 1' },
      correlationId: expect.any(String),
      causationId: expect.any(String),
      actor: expect.objectContaining({ user: 'ops-spec' }),
      occurredAt: '2025-03-01T09:30:00.000Z',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      previousHash: events[0].hash,
    });
    expect(exported.stderr).toBe('exported 2345 events of registry-service\n');
  });

  it('exports the events after --from up to --to', async () => {
    const exported = await exportFrom('--service', 'registry-service', '--from', '1000', '--to', '1002');

    expect(lines(exported.stdout).map((event) => event.globalPosition)).toEqual(['1001', '1002']);
  });

  it('exports the access-audit store with --audit', async () => {
    const exported = await exportFrom('--audit');

    expect(lines(exported.stdout).map((event) => event.streamId)).toEqual(['audit-0', 'audit-1', 'audit-2', 'audit-0']);
  });

  it('imports an export into an empty store: the same events, positions and hashes, and the chain verifies', async () => {
    const exported = await exportFrom('--service', 'registry-service');

    const imported = await importInto(exported.stdout, '--service', 'registry-service');

    expect(imported).toMatchObject({ code: 0, stderr: 'imported 2345 events into registry-service\n' });
    expect(rows(target, 'registry-service')).toEqual(rows(source, 'registry-service'));
    const verified = await run(auditVerify, [], { DATA_DIR: target });
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringContaining('registry-service: 2345 events verified') });
  });

  it('imports an export that stops at --to, which is where the chain then ends', async () => {
    const exported = await exportFrom('--store', 'registry-service', '--to', '10');

    expect((await importInto(exported.stdout, '--store', 'copy')).code).toBe(0);
    expect(rows(target, 'copy')).toEqual(rows(source, 'registry-service').slice(0, 10));
  });

  it('refuses a tampered file naming the line, and stores none of it', async () => {
    const exported = lines((await exportFrom('--service', 'registry-service', '--to', '20')).stdout);
    exported[11].data = { index: 11, name: 'patient 12' };

    const imported = await importInto(exported.map((event) => JSON.stringify(event)).join('\n'), '--service', 'registry-service');

    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`line 12: altered event ${String(exported[11].id)} at position 12: its content does not match its hash`);
    expect(rows(target, 'registry-service')).toEqual([]);
  });

  it('refuses a file with a line left out, naming the line after the gap', async () => {
    const exported = (await exportFrom('--service', 'registry-service', '--to', '20')).stdout.trim().split('\n');
    exported.splice(4, 1);

    const imported = await importInto(exported.join('\n'), '--service', 'registry-service');

    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('line 5: unlinked event');
  });

  it('refuses an export that starts after --from: the chain cannot be checked from its middle', async () => {
    const exported = await exportFrom('--service', 'registry-service', '--from', '10');

    const imported = await importInto(exported.stdout, '--service', 'registry-service');

    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('line 1: unlinked event');
  });

  it('refuses a store that already holds events', async () => {
    await writeStore(target, 'registry-service', 1);
    const exported = await exportFrom('--service', 'registry-service', '--to', '5');

    const imported = await importInto(exported.stdout, '--service', 'registry-service');

    expect(imported).toMatchObject({ code: 1, stderr: 'registry-service already holds events: import only into an empty store\n' });
    expect(rows(target, 'registry-service')).toHaveLength(1);
  });

  it('asks for exactly one store, and positions that are positions', async () => {
    expect(await exportFrom()).toMatchObject({ code: 2, stderr: expect.stringContaining('name one store') });
    expect(await exportFrom('--service', 'registry-service', '--audit')).toMatchObject({ code: 2 });
    expect(await exportFrom('--service', 'registry-service', '--from', 'yesterday')).toMatchObject({ code: 2, stderr: expect.stringContaining('--from yesterday') });
    expect(await exportFrom('--service', 'registry-service', '--frm', '1')).toMatchObject({ code: 2, stderr: expect.stringContaining('usage line') });
  });
});
