import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { SqliteEventStore } from '@app/eventstore';
import { sqliteFiles } from '@app/service-kit';
import type { BookingEvent } from '../../booking-service/src/domain/booking.events';
import { cancelled, confirmed, request, requested } from '../../booking-service/src/domain/testing/booking-fixtures';
import { replay as replayCommand, replayUsage } from './replay';
import { run } from './testing/run';

const url = process.env.MONGODB_URL;
if (!url) console.warn('replay into MongoDB SKIPPED: set MONGODB_URL (e.g. mongodb://127.0.0.1:27017) to run it against a real server');

jest.setTimeout(60_000);

/** Twenty bookings of the booking-service, each requested then confirmed, every fourth cancelled: 45 events. */
async function writeBookings(dataDir: string): Promise<void> {
  const store = new SqliteEventStore(sqliteFiles(dataDir, 'booking-service').events);
  const actor = { organisation: 'A81001', organisationType: 'gp-practice', user: 'u', role: 'booker' as const, federations: [] };
  for (let n = 0; n < 20; n++) {
    const bookingId = `b${String(n).padStart(2, '0')}`;
    const story: BookingEvent[] = [requested, confirmed, ...(n % 4 === 0 ? [cancelled] : [])];
    const events = story.map((event, index) => ({
      id: `${bookingId}-${index}`,
      type: event.type,
      version: 1,
      data: { ...event.data, bookingId, patient: request.patient },
      correlationId: bookingId,
      causationId: bookingId,
      actor,
      occurredAt: `2030-02-01T00:00:${String(index).padStart(2, '0')}.000Z`,
    }));
    await store.append(`booking-${bookingId}`, events, 'no_stream');
  }
  await store.close();
}

/** Runs the command as `npm run replay -- …` would, with what it wrote to stdout and stderr. */
const replay = (env: NodeJS.ProcessEnv, ...argv: string[]) => run(replayCommand, argv, env, '', replayUsage);

describe('npm run replay', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'replay-'));
    await writeBookings(dataDir);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  describe('arguments', () => {
    it.each([
      [[], 'missing --service'],
      [['--service', 'nope-service'], 'unknown service nope-service'],
      [['--service', 'booking-service', '--projection', 'nope'], 'booking-service has no projection nope; it has appointment-view, reschedule-attempts, booking-deadlines'],
      [['--service', 'booking-service', '--fast'], "Unknown option '--fast'"],
    ])('%j exits 2 with the reason and the usage', async (argv, reason) => {
      const { code, stderr } = await replay({ DATA_DIR: dataDir }, ...argv);
      expect(code).toBe(2);
      expect(stderr).toContain(reason);
      expect(stderr).toContain('usage: npm run replay -- --service <slot-service|booking-service|registry-service|notification-service> [--projection <name>] [--verify]');
    });
  });

  describe('embedded mode (no MONGODB_URL): into memory, from DATA_DIR', () => {
    const env = () => ({ DATA_DIR: dataDir });

    it('rebuilds every projection and sums it up', async () => {
      const { code, stdout } = await replay(env(), '--service', 'booking-service');
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^replayed booking-service \(embedded, in memory\): 45 events, 3 projections \(appointment-view, reschedule-attempts, booking-deadlines\), 20 documents in appointments, reschedule-attempts, deadlines, [\d.]+ s, [\d,]+ events\/s\n$/,
      );
    });

    it('--projection rebuilds that one only', async () => {
      const { code, stdout } = await replay(env(), '--service', 'booking-service', '--projection', 'booking-deadlines');
      expect(code).toBe(0);
      expect(stdout).toContain('45 events, 1 projection (booking-deadlines), 0 documents in deadlines,');
    });

    it('--verify compares the bulk replay with a build fed as the live runner feeds it', async () => {
      const { code, stdout } = await replay(env(), '--service', 'booking-service', '--verify');
      expect(code).toBe(0);
      expect(stdout).toContain('verified: 3 collections identical');
    });
  });

  (url ? describe : describe.skip)('distributed mode (MONGODB_URL): shadow collections, then the live ones replaced', () => {
    const prefix = `replay_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const env = () => ({ DATA_DIR: dataDir, MONGODB_URL: url, MONGODB_DATABASE: prefix });
    let client: MongoClient;
    let db: Db;
    const raw = (collection: string) => db.collection<{ _id: string } & Record<string, unknown>>(collection);
    const stored = (collection: string) => raw(collection).find().sort({ _id: 1 }).toArray();
    const collections = async () => (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();

    beforeAll(async () => {
      client = await new MongoClient(url!).connect();
      db = client.db(`${prefix}_booking_service`);
    });
    afterAll(async () => {
      await db.dropDatabase();
      await client.close();
    });

    it('builds the live collections and sets each projection’s checkpoint to the position replayed', async () => {
      const { code, stdout } = await replay(env(), '--service', 'booking-service');
      expect(code).toBe(0);
      expect(stdout).toContain('(MongoDB): 45 events, 3 projections');
      expect(stdout).toContain('live collections replaced; checkpoints at 45');
      expect(await stored('appointments')).toHaveLength(20);
      expect((await stored('appointments')).find((doc) => doc._id === 'b04')).toMatchObject({ status: 'cancelled', _position: expect.stringMatching(/^0{18}12$/) });
      const checkpoints = await stored('checkpoints');
      expect(checkpoints.map(({ _id, position }) => ({ _id, position }))).toEqual(
        ['appointment-view', 'booking-deadlines', 'reschedule-attempts'].map((name) => ({ _id: `projection:booking-service:${name}`, position: '45' })),
      );
      expect((await collections()).filter((name) => name.endsWith('__replay'))).toEqual([]);
    });

    it('--verify exits 1 naming the first tampered document, and 0 once a replay restored it', async () => {
      const before = await stored('appointments');
      await raw('appointments').updateOne({ _id: 'b07' }, { $set: { status: 'attended' } });
      await raw('appointments').deleteOne({ _id: 'b12' });
      await raw('deadlines').insertOne({ _id: 'booking:forged', due: '2030-01-01T00:00:00.000Z' });

      const tampered = await replay(env(), '--service', 'booking-service', '--verify');
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toContain('verify failed: collection appointments, document b07, field status: live "attended", rebuilt "booked"');
      const deadlinesOnly = await replay(env(), '--service', 'booking-service', '--projection', 'booking-deadlines', '--verify');
      expect(deadlinesOnly.code).toBe(1);
      expect(deadlinesOnly.stderr).toContain('verify failed: collection deadlines, document booking:forged: missing from the rebuilt read model');
      expect((await collections()).filter((name) => name.endsWith('__replay'))).toEqual([]);

      // --projection limits the replay to that projection: the forged deadline stays until its own is replayed.
      expect((await replay(env(), '--service', 'booking-service', '--projection', 'appointment-view')).code).toBe(0);
      expect(await stored('appointments')).toEqual(before);
      expect(await raw('deadlines').countDocuments({ _id: 'booking:forged' })).toBe(1);
      expect((await replay(env(), '--service', 'booking-service', '--projection', 'booking-deadlines')).code).toBe(0);
      expect(await raw('deadlines').countDocuments({ _id: 'booking:forged' })).toBe(0);

      const verified = await replay(env(), '--service', 'booking-service', '--verify');
      expect(verified.code).toBe(0);
      expect(verified.stdout).toContain('verified: 3 collections identical');
    });

    it('keeps the indexes the service declares on the replaced collections', async () => {
      const indexes = await db.collection('appointments').indexes();
      expect(indexes.map((index) => Object.keys(index.key))).toContainEqual(['patient.nhsNumber']);
    });
  });
});
