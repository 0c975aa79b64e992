import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@app/eventstore/sqlite/driver';
import { systemActor } from '@app/contracts';
import { RecordedEvent, SqliteEventStore, UnreadableEventError } from '@app/eventstore';
import { SqliteCheckpointStore, SqliteSetAsideStore } from '@app/messaging';
import { Projection, ProjectionRunner } from './projection-runner';

/** Remembers the ids of the events it saw; can be told to find one unreadable, or to take its time. */
class Recording implements Projection {
  readonly seen: string[] = [];
  constructor(
    readonly name: string,
    private readonly unreadable = new Set<string>(),
    private readonly delayMs = 0,
  ) {}
  async apply(event: RecordedEvent): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.unreadable.has(event.id)) throw new UnreadableEventError(event.id, event.type, 7, 'version 7 is newer than this service knows (1)');
    this.seen.push(event.id);
  }
}

describe('ProjectionRunner (real SQLite event store, checkpoints and set-aside store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let state: Database;
  let checkpoints: SqliteCheckpointStore;
  let setAside: SqliteSetAsideStore;
  const runners: ProjectionRunner[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projection-runner-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    state = new Database(join(dir, 'state.sqlite'));
    checkpoints = new SqliteCheckpointStore(state);
    setAside = new SqliteSetAsideStore(state);
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await store.close();
    state.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = async (...ids: string[]) => {
    for (const id of ids) {
      await store.append(`s-${id}`, [{ id, type: 'Happened', version: 1, data: {}, correlationId: id, causationId: id, actor: systemActor('test'), occurredAt: new Date().toISOString() }], 'any');
    }
    return (await store.readAll()).at(-1)!.globalPosition;
  };
  const start = async (projections: Projection[], pageSize?: number) => {
    const runner = new ProjectionRunner('order-service', store, projections, { checkpoints, setAside, pageSize });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const restart = async (runner: ProjectionRunner, projections: Projection[]) => {
    await runner.stop();
    return start(projections);
  };

  it('keeps a checkpoint per projection: one added later starts from the beginning, the others go on from theirs', async () => {
    await append('e1', 'e2');
    const [views, deadlines] = [new Recording('views'), new Recording('deadlines')];
    const first = await start([views, deadlines]);
    const position = await append('e3');
    await first.waitFor(position);
    expect(await checkpoints.load('projection:order-service:views')).toBe(position);
    expect(await checkpoints.load('projection:order-service:deadlines')).toBe(position);

    await first.stop();
    await append('e4');
    const [viewsAgain, deadlinesAgain, added] = [new Recording('views'), new Recording('deadlines'), new Recording('added')];
    await start([viewsAgain, deadlinesAgain, added]);
    expect(viewsAgain.seen).toEqual(['e4']);
    expect(deadlinesAgain.seen).toEqual(['e4']);
    expect(added.seen).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  it('catches up a projection that is behind across pages, without feeding the others again', async () => {
    await append('e1', 'e2', 'e3', 'e4', 'e5');
    const ahead = new Recording('ahead');
    await (await start([ahead])).stop();
    await append('e6');
    const [aheadAgain, behind] = [new Recording('ahead'), new Recording('behind')];
    await start([aheadAgain, behind], 2);
    expect(aheadAgain.seen).toEqual(['e6']);
    expect(behind.seen).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
  });

  it('continues from the checkpoint the projections shared before they had their own, the first time', async () => {
    const shared = await append('e1', 'e2');
    await append('e3');
    await checkpoints.save('projection:order-service', shared);
    const views = new Recording('views');
    const runner = await start([views]);
    expect(views.seen).toEqual(['e3']);

    // Once a projection has its own checkpoint, the shared one names nothing: a new projection starts from the beginning.
    const added = new Recording('added');
    await restart(runner, [new Recording('views'), added]);
    expect(added.seen).toEqual(['e1', 'e2', 'e3']);
  });

  it('answers waitFor once every projection has the position, the slowest included', async () => {
    const [fast, slow] = [new Recording('fast'), new Recording('slow', new Set(), 150)];
    const runner = await start([fast, slow]);
    const position = await append('e1');
    await runner.waitFor(position, 5000);
    expect(slow.seen).toEqual(['e1']);
    expect(fast.seen).toEqual(['e1']);
    await expect(runner.waitFor(String(Number(position) + 1), 100)).rejects.toThrow('did not reach');
  });

  it('sets aside an event a projection cannot read, durably, and goes on with the rest of the batch', async () => {
    await append('e1', 'e2', 'e3');
    const [picky, other] = [new Recording('picky', new Set(['e2'])), new Recording('other')];
    const runner = await start([picky, other]);
    const position = await append('e4');
    await runner.waitFor(position);
    expect(picky.seen).toEqual(['e1', 'e3', 'e4']);
    expect(other.seen).toEqual(['e1', 'e2', 'e3', 'e4']);
    const e2 = (await store.readAll()).find((event) => event.id === 'e2')!;
    expect(await setAside.list()).toEqual([
      {
        service: 'order-service',
        component: 'projection:picky',
        position: e2.globalPosition,
        eventId: 'e2',
        type: 'Happened',
        version: 7,
        reason: 'version 7 is newer than this service knows (1)',
        at: expect.any(String),
      },
    ]);
  });

  it('without projections reads nothing and has every position', async () => {
    const position = await append('e1');
    const runner = await start([]);
    await expect(runner.waitFor(position, 100)).resolves.toBeUndefined();
  });

  it('stops on any other error: a projection that fails is not skipped', async () => {
    await append('e1');
    const failing: Projection = { name: 'failing', apply: async () => Promise.reject(new Error('read model down')) };
    const runner = new ProjectionRunner('order-service', store, [failing], { checkpoints, setAside });
    await expect(runner.start()).rejects.toThrow('read model down');
    expect(await checkpoints.load('projection:order-service:failing')).toBeUndefined();
    expect(await setAside.count()).toBe(0);
  });
});
