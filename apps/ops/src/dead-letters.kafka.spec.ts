import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { KafkaBus, MongoProcessedMessageStore } from '@app/messaging';
import { deadLetters } from './dead-letters';
import { envelope, twoGroups, waitFor } from './testing/consumer-groups';
import { run } from './testing/run';

const { KAFKA_BROKERS, MONGODB_URL } = process.env;
const enabled = Boolean(KAFKA_BROKERS && MONGODB_URL);
if (!enabled) {
  console.warn(
    'dead-letters on Kafka SKIPPED: set KAFKA_BROKERS and MONGODB_URL (e.g. 127.0.0.1:9092 and mongodb://127.0.0.1:27017) to run it against a real broker and server',
  );
}
const brokers = (KAFKA_BROKERS ?? '').split(',');
const mongoUrl = MONGODB_URL ?? '';
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** The lines of `list` about this topic (the cluster's dlq topics hold other tests' letters too). */
const linesFor = (stdout: string, topic: string) => stdout.split('\n').filter((line) => line.split('\t')[3] === topic);

(enabled ? describe : describe.skip)('npm run dead-letters, distributed mode (Kafka <topic>.dlq, decisions in MongoDB)', () => {
  const prefix = `dead_letters_spec_${randomUUID().slice(0, 8)}`;
  const env = { KAFKA_BROKERS: brokers.join(','), MONGODB_URL: mongoUrl, MONGODB_DATABASE: prefix };
  const cli = (...args: string[]) => run(deadLetters, args, env);
  let mongo: MongoClient;
  let bus: KafkaBus;

  beforeAll(async () => {
    mongo = await MongoClient.connect(mongoUrl);
  });

  beforeEach(() => {
    bus = new KafkaBus({ brokers, clientId: 'dead-letters-spec', retryPolicy: { backoffMs: () => 20 }, logger: quiet });
  });

  afterEach(() => bus.close());

  afterAll(async () => {
    await mongo.db(`${prefix}_platform`).dropDatabase();
    await mongo.db(`${prefix}_spec`).dropDatabase();
    await mongo.close();
  });

  it('lists a message a group gave up on, retries it to its topic for that group only, then lists it no more', async () => {
    const topic = `dead-letters-spec-${randomUUID()}`;
    const groups = await twoGroups(bus, new MongoProcessedMessageStore(mongo.db(`${prefix}_spec`)), topic, `spec-${randomUUID()}`);
    const event = envelope('BookingRequestedV1', { bookingId: 'b-1' });
    await bus.publish([{ topic, key: 'b-1', event }]);
    await waitFor(() => groups.handled.healthy.length === 1, 'the healthy group');
    await waitFor(async () => linesFor((await cli('list')).stdout, topic).length === 1, 'the dead letter on the dlq', 60_000);

    const [line] = linesFor((await cli('list')).stdout, topic);
    const [letterId, failedAt, status, , groupId, attempts, what, error] = line.split('\t');
    expect({ status, groupId, attempts, what }).toEqual({ status: 'failed', groupId: groups.failing, attempts: '1 attempts', what: `BookingRequestedV1 ${event.id}` });
    expect(new Date(failedAt).getTime()).not.toBeNaN();
    expect(error).toContain('cannot read BookingRequestedV1');

    groups.fix();
    const retried = await cli('retry', letterId);
    expect(retried).toMatchObject({ code: 0, stdout: expect.stringContaining(`republished BookingRequestedV1 ${event.id} to ${topic}`) });
    await waitFor(() => groups.handled.broken.length === 1, 'the failed group to handle it');
    await new Promise((resolve) => setTimeout(resolve, 500)); // time for the healthy group to see it again, and skip it

    expect(groups.handled).toEqual({ healthy: [event.id], broken: [event.id] });
    expect(linesFor((await cli('list')).stdout, topic)).toEqual([]);
    expect(linesFor((await cli('list', '--all')).stdout, topic)).toEqual([expect.stringContaining(`${letterId}\t${failedAt}\tretried\t`)]);
  });

  it('discards a letter: list leaves it out unless --all', async () => {
    const topic = `dead-letters-spec-${randomUUID()}`;
    await twoGroups(bus, new MongoProcessedMessageStore(mongo.db(`${prefix}_spec`)), topic, `spec-${randomUUID()}`);
    await bus.publish([{ topic, key: 's-1', event: envelope('SlotCreatedV1', { slotId: 's-1' }) }]);
    await waitFor(async () => linesFor((await cli('list')).stdout, topic).length === 1, 'the dead letter on the dlq', 60_000);
    const [letterId] = linesFor((await cli('list')).stdout, topic)[0].split('\t');

    expect(await cli('discard', letterId)).toMatchObject({ code: 0, stdout: `discarded ${letterId}\n` });

    expect(linesFor((await cli('list')).stdout, topic)).toEqual([]);
    expect(linesFor((await cli('list', '--all')).stdout, topic)).toEqual([expect.stringContaining('\tdiscarded\t')]);
    expect(await cli('discard', 'no-such-letter')).toMatchObject({ code: 1, stderr: 'no dead letter no-such-letter\n' });
  });
});
