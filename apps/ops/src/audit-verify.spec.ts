import { rmSync } from 'node:fs';
import { auditVerify } from './audit-verify';
import { run } from './testing/run';
import { openRaw, tempDataDir, writeStore } from './testing/sqlite-stores';

/** Plain SQL on the store's file, as someone going around the application would. */
const tamper = (dataDir: string, name: string, sql: string, ...params: unknown[]) => {
  const db = openRaw(dataDir, name);
  db.prepare(sql).run(...params);
  db.close();
};

const idAt = (dataDir: string, name: string, position: number): string => {
  const db = openRaw(dataDir, name);
  const id = db.prepare('SELECT id FROM events WHERE global_position = ?').pluck().get(position) as string;
  db.close();
  return id;
};

describe('npm run audit:verify', () => {
  let dataDir: string;
  const verify = (...args: string[]) => run(auditVerify, args, { DATA_DIR: dataDir });

  beforeEach(async () => {
    dataDir = tempDataDir();
    await writeStore(dataDir, 'booking-service', 12);
    await writeStore(dataDir, 'slot-service', 5);
    await writeStore(dataDir, 'audit', 3);
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('verifies every store in DATA_DIR, the access audit too, and prints the count and head of each', async () => {
    const result = await verify();

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^audit: 3 events verified, head [0-9a-f]{64} \(position 3, event /m);
    expect(result.stdout).toMatch(/^booking-service: 12 events verified, head [0-9a-f]{64} \(position 12, /m);
    expect(result.stdout).toMatch(/^slot-service: 5 events verified/m);
  });

  it('verifies one store with --service', async () => {
    const result = await verify('--service', 'slot-service');

    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^slot-service: 5 events verified, head [0-9a-f]{64} /) });
    expect(result.stdout).not.toContain('booking-service');
  });

  it('catches one byte changed in one event’s data, naming the store, position and event', async () => {
    tamper(dataDir, 'booking-service', "UPDATE events SET data = replace(data, 'patient 7', 'patient 8') WHERE global_position = 8");

    const result = await verify();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`booking-service: altered event at position 8, event ${idAt(dataDir, 'booking-service', 8)} (Happened7, stream booking-service-1 #2): its content does not match its hash`);
  });

  it('catches a change to the envelope (the actor) as well as the data', async () => {
    tamper(dataDir, 'slot-service', "UPDATE events SET metadata = json_set(metadata, '$.actor.user', 'someone else') WHERE global_position = 2");

    const result = await verify('--service', 'slot-service');

    expect(result).toMatchObject({ code: 1, stdout: expect.stringContaining(`slot-service: altered event at position 2, event ${idAt(dataDir, 'slot-service', 2)}`) });
  });

  it('catches a deleted event at the event after it', async () => {
    tamper(dataDir, 'booking-service', 'DELETE FROM events WHERE global_position = 5');

    const result = await verify();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`booking-service: unlinked event at position 6, event ${idAt(dataDir, 'booking-service', 6)}`);
    expect(result.stdout).toContain('an event was removed or moved');
  });

  it('catches two events whose data was swapped', async () => {
    tamper(
      dataDir,
      'booking-service',
      `UPDATE events SET data = CASE global_position WHEN 3 THEN (SELECT data FROM events WHERE global_position = 9)
        ELSE (SELECT data FROM events WHERE global_position = 3) END WHERE global_position IN (3, 9)`,
    );

    const result = await verify();

    expect(result).toMatchObject({ code: 1, stdout: expect.stringContaining('booking-service: altered event at position 3,') });
  });

  it('catches two whole events swapped, hashes and all', async () => {
    const db = openRaw(dataDir, 'booking-service');
    db.transaction(() => {
      db.prepare('UPDATE events SET global_position = -4 WHERE global_position = 4').run();
      db.prepare('UPDATE events SET global_position = 4 WHERE global_position = 10').run();
      db.prepare('UPDATE events SET global_position = 10 WHERE global_position = -4').run();
    })();
    db.close();

    const result = await verify('--service', 'booking-service');

    expect(result).toMatchObject({ code: 1, stdout: expect.stringContaining('booking-service: unlinked event at position 4,') });
  });

  it('refuses a store that is not there, with the usage line', async () => {
    const result = await verify('--service', 'no-such-service');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no event store "no-such-service"');
    expect(result.stderr).toContain('audit, booking-service, slot-service');
  });
});
