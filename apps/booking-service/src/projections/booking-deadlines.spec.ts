import { systemActor } from '@app/contracts';
import type { RecordedEvent } from '@app/eventstore';
import { MemoryDocumentStore } from '@app/readmodel';
import { BookingDeadlinesProjection, bookingDeadlineId, bookingDeadlines } from './booking-deadlines.projection';

const recorded = (globalPosition: number, type: string, data: object): RecordedEvent => ({
  id: `e${globalPosition}`,
  type,
  version: 1,
  data,
  streamId: 'booking-b1',
  streamPosition: globalPosition - 1,
  globalPosition: String(globalPosition),
  correlationId: 'c1',
  causationId: 'c1',
  actor: systemActor('test'),
  occurredAt: '2030-01-01T00:00:00.000Z',
});

describe('booking deadlines, written by position', () => {
  it('a redelivered request does not bring back the deadline its answer removed', async () => {
    const deadlines = bookingDeadlines(new MemoryDocumentStore());
    const projection = new BookingDeadlinesProjection(deadlines);
    const requested = recorded(1, 'BookingRequested', { bookingId: 'b1', deadline: '2030-01-01T00:00:30.000Z' });
    await projection.apply(requested);
    expect(await deadlines.get(bookingDeadlineId('b1'))).toMatchObject({ due: '2030-01-01T00:00:30.000Z', kind: 'booking' });

    await projection.apply(recorded(2, 'BookingConfirmed', { bookingId: 'b1' }));
    await projection.apply(requested);

    expect(await deadlines.find({})).toEqual([]);
  });
});
