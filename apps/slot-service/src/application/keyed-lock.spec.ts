import { KeyedLock } from './keyed-lock';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedLock', () => {
  it('runs tasks of one key one at a time, in arrival order, and those of other keys alongside', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`${name}:start`);
      await sleep(ms);
      log.push(`${name}:end`);
      return name;
    };
    const results = await Promise.all([lock.run('A', task('a1', 30)), lock.run('A', task('a2', 1)), lock.run('B', task('b1', 5))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a2:start')).toBeGreaterThan(log.indexOf('a1:end'));
    expect(log.indexOf('b1:end')).toBeLessThan(log.indexOf('a1:end'));
  });

  it('a failing task fails its caller only; the next task of the key still runs', async () => {
    const lock = new KeyedLock();
    const failed = lock.run('A', async () => {
      throw new Error('boom');
    });
    const next = lock.run('A', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
