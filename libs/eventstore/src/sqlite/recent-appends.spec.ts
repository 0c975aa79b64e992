import type { RecordedEvent } from '../event-store.port';
import { RecentAppends } from './recent-appends';

const at = (position: number) => ({ id: `e${position}`, globalPosition: String(position) }) as RecordedEvent;
const positions = (events: RecordedEvent[] | undefined) => events?.map((e) => Number(e.globalPosition));

describe('RecentAppends', () => {
  it('answers from the run it holds, and says when it cannot', () => {
    const recent = new RecentAppends(10);
    recent.add([at(5), at(6)]);
    recent.add([at(7)]);
    expect(positions(recent.after(4, 10))).toEqual([5, 6, 7]);
    expect(positions(recent.after(5, 1))).toEqual([6]);
    expect(positions(recent.after(7, 10))).toEqual([]);
    expect(recent.after(3, 10)).toBeUndefined();
  });

  it('starts a new run when positions jump (another writer came in between)', () => {
    const recent = new RecentAppends(10);
    recent.add([at(5), at(6)]);
    recent.add([at(9)]);
    expect(recent.after(6, 10)).toBeUndefined();
    expect(positions(recent.after(8, 10))).toEqual([9]);
  });

  it('keeps only the latest events up to its capacity', () => {
    const recent = new RecentAppends(3);
    recent.add([at(1), at(2), at(3), at(4), at(5)]);
    expect(recent.after(1, 10)).toBeUndefined();
    expect(positions(recent.after(2, 10))).toEqual([3, 4, 5]);
  });

  it('answers nothing once cleared', () => {
    const recent = new RecentAppends(3);
    recent.add([at(1)]);
    recent.clear();
    expect(recent.after(0, 10)).toBeUndefined();
  });
});
