import { MemoryDocumentStore } from '@app/readmodel';
import { Deadline, DeadlineScheduler } from './deadline-scheduler';

const quiet = { warn: () => undefined };

const eventually = async (condition: () => boolean, what: string, timeoutMs = 3_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('DeadlineScheduler', () => {
  const documents = new MemoryDocumentStore();
  const deadlines = documents.collection<Deadline & { bookingId: string }>('deadlines');
  const past = (ms: number) => new Date(Date.now() - ms).toISOString();
  const future = (ms: number) => new Date(Date.now() + ms).toISOString();
  let scheduler: DeadlineScheduler<Deadline & { bookingId: string }> | undefined;

  afterEach(async () => {
    await scheduler?.stop();
    for (const deadline of await deadlines.find({})) await deadlines.delete(deadline.id);
  });

  it('fires the deadlines that fell due, oldest first, and not the others', async () => {
    await deadlines.put({ id: 'later', due: future(60_000), bookingId: 'b3' });
    await deadlines.put({ id: 'second', due: past(1_000), bookingId: 'b2' });
    await deadlines.put({ id: 'first', due: past(5_000), bookingId: 'b1' });
    const fired: string[] = [];
    // As a projection would: the fired deadline's event deletes it.
    scheduler = new DeadlineScheduler('bookings', deadlines, async (deadline) => {
      fired.push(deadline.bookingId);
      await deadlines.delete(deadline.id);
    }, { pollIntervalMs: 20, logger: quiet });

    scheduler.start();
    await eventually(() => fired.length === 2, 'two fires');
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(fired).toEqual(['b1', 'b2']);
    expect((await deadlines.find({})).map((d) => d.id)).toEqual(['later']);
  });

  it('passes the instant it looked at, which is on or after the due time', async () => {
    const due = past(10);
    await deadlines.put({ id: 'd', due, bookingId: 'b1' });
    const seen: Date[] = [];
    scheduler = new DeadlineScheduler('bookings', deadlines, async (deadline, now) => {
      seen.push(now);
      await deadlines.delete(deadline.id);
    }, { pollIntervalMs: 20, logger: quiet });

    scheduler.start();
    await eventually(() => seen.length === 1, 'the fire');

    expect(seen[0].toISOString() >= due).toBe(true);
  });

  it('retries a failing fire on the next tick while the others go on', async () => {
    await deadlines.put({ id: 'flaky', due: past(2_000), bookingId: 'b1' });
    await deadlines.put({ id: 'fine', due: past(1_000), bookingId: 'b2' });
    const attempts: string[] = [];
    const warnings: string[] = [];
    scheduler = new DeadlineScheduler('bookings', deadlines, async (deadline) => {
      attempts.push(deadline.id);
      if (deadline.id === 'flaky' && attempts.filter((id) => id === 'flaky').length < 3) throw new Error('store away');
      await deadlines.delete(deadline.id);
    }, { pollIntervalMs: 20, logger: { warn: (message: string) => void warnings.push(message) } });

    scheduler.start();
    await eventually(() => attempts.filter((id) => id === 'flaky').length === 3, 'three attempts');
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(attempts.slice(0, 2)).toEqual(['flaky', 'fine']);
    expect(attempts.filter((id) => id === 'fine')).toHaveLength(1);
    expect(attempts.filter((id) => id === 'flaky')).toHaveLength(3);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('flaky');
    expect(await deadlines.find({})).toEqual([]);
  });

  it('stops cleanly: waits for the running fire, fires nothing after', async () => {
    await deadlines.put({ id: 'slow', due: past(2_000), bookingId: 'b1' });
    await deadlines.put({ id: 'next', due: past(1_000), bookingId: 'b2' });
    let finishSlow!: () => void;
    const fired: string[] = [];
    let slowDone = false;
    scheduler = new DeadlineScheduler('bookings', deadlines, async (deadline) => {
      fired.push(deadline.id);
      if (deadline.id === 'slow') {
        await new Promise<void>((resolve) => (finishSlow = resolve));
        slowDone = true;
      }
    }, { pollIntervalMs: 20, logger: quiet });

    scheduler.start();
    await eventually(() => fired.length === 1, 'the slow fire to start');
    const stopped = scheduler.stop();
    let stopResolved = false;
    void stopped.then(() => (stopResolved = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopResolved).toBe(false);

    finishSlow();
    await stopped;
    expect(slowDone).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fired).toEqual(['slow']);
  });
});
