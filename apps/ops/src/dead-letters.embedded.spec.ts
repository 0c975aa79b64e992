import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '@app/eventstore/sqlite/driver';
import { Topics } from '@app/contracts';
import { InProcessBus, SqliteProcessedMessageStore } from '@app/messaging';
import { keepDeadLetters, sqliteFiles } from '@app/service-kit';
import { deadLetters } from './dead-letters';
import { envelope, twoGroups, waitFor } from './testing/consumer-groups';
import { run } from './testing/run';
import { tempDataDir } from './testing/sqlite-stores';

const quiet = { warn: () => undefined, error: () => undefined };

describe('npm run dead-letters, embedded mode (the platform’s SQLite dead letters, in-process bus)', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let stateDb: Database;
  let kept: Awaited<ReturnType<typeof keepDeadLetters>>;
  const cli = (...args: string[]) => run(deadLetters, args, { DATA_DIR: dataDir });

  beforeEach(async () => {
    dataDir = tempDataDir();
    bus = new InProcessBus({ retryPolicy: { backoffMs: () => 1 }, logger: quiet });
    kept = await keepDeadLetters(bus, dataDir, { redeliverEveryMs: 50 });
    stateDb = new Database(':memory:');
  });

  afterEach(async () => {
    await kept.close();
    await bus.close();
    stateDb.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists a message a group gave up on, and retries it for that group only', async () => {
    const groups = await twoGroups(bus, new SqliteProcessedMessageStore(stateDb), Topics.bookingEvents, 'spec');
    const event = envelope('BookingRequestedV1', { bookingId: 'b-1' });
    await bus.publish([{ topic: Topics.bookingEvents, key: 'b-1', event }]);

    const listed = await cli('list');
    const [letterId] = listed.stdout.split('\n')[1].split('\t');
    expect(listed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^dead letters: 1\n/) });
    expect(listed.stdout.split('\n')[1].split('\t')).toEqual([
      letterId,
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      'failed',
      Topics.bookingEvents,
      groups.failing,
      '1 attempts',
      `BookingRequestedV1 ${event.id}`,
      expect.stringContaining('cannot read BookingRequestedV1'),
    ]);

    groups.fix();
    const retried = await cli('retry', letterId);
    expect(retried).toMatchObject({ code: 0, stdout: expect.stringContaining('retry requested') });
    await waitFor(() => groups.handled.broken.length > 0, 'the platform to republish it');

    expect(groups.handled).toEqual({ healthy: [event.id], broken: [event.id] });
    expect((await cli('list')).stdout).toMatch(/^dead letters: 0\n/);
    expect((await cli('list', '--all')).stdout).toContain(`${letterId}\t`);
    expect((await cli('list', '--all')).stdout).toContain('\tretried\t');
  });

  it('lists a letter again when its retry failed too', async () => {
    await twoGroups(bus, new SqliteProcessedMessageStore(stateDb), Topics.slotEvents, 'spec');
    await bus.publish([{ topic: Topics.slotEvents, key: 's-1', event: envelope('SlotCreatedV1', { slotId: 's-1' }) }]);
    const [letterId] = (await cli('list')).stdout.split('\n')[1].split('\t');

    await cli('retry', letterId);

    await waitFor(async () => (await cli('list')).stdout.includes('\tfailed\t'), 'the retry to fail again');
    expect((await cli('list')).stdout).toMatch(/^dead letters: 1\n/);
  });

  it('discards a letter: list leaves it out unless --all', async () => {
    await twoGroups(bus, new SqliteProcessedMessageStore(stateDb), Topics.registryChanges, 'spec');
    await bus.publish([{ topic: Topics.registryChanges, key: 'r-1', event: envelope('RegistryEntryChangedV1', { n: 1 }) }]);
    const [letterId] = (await cli('list')).stdout.split('\n')[1].split('\t');

    expect(await cli('discard', letterId)).toMatchObject({ code: 0, stdout: `discarded ${letterId}\n` });

    expect((await cli('list')).stdout).toMatch(/^dead letters: 0\n/);
    expect((await cli('list', '--all')).stdout).toContain(`${letterId}\t`);
    expect((await cli('list', '--all')).stdout).toContain('\tdiscarded\t');
  });

  it('lists events set aside by a service’s projections or relay', async () => {
    mkdirSync(join(dataDir, 'booking-service'));
    const db = new Database(sqliteFiles(dataDir, 'booking-service').state);
    db.exec(`CREATE TABLE set_aside (component TEXT NOT NULL, event_id TEXT NOT NULL, service TEXT NOT NULL, position TEXT NOT NULL,
      type TEXT NOT NULL, version INTEGER NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (component, event_id))`);
    db.prepare('INSERT INTO set_aside VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      'projection:appointments', 'e-9', 'booking-service', '42', 'BookingRescheduled', 3, 'version 3 is newer than 2', '2025-03-01T10:00:00.000Z',
    );
    db.close();

    const listed = await cli('list');

    expect(listed.stdout).toContain(
      'set aside: 1\nbooking-service\tprojection:appointments\tposition 42\tBookingRescheduled v3\te-9\tversion 3 is newer than 2\t2025-03-01T10:00:00.000Z\n',
    );
  });

  it('says so when there is no such letter, and asks for what to do', async () => {
    expect(await cli('retry', 'no-such-letter')).toMatchObject({ code: 1, stderr: 'no dead letter no-such-letter\n' });
    expect(await cli()).toMatchObject({ code: 2, stderr: expect.stringContaining('list, retry or discard') });
    expect(await cli('retry')).toMatchObject({ code: 2 });
    expect(await cli('list', 'extra')).toMatchObject({ code: 2 });
  });
});
