import { systemActor } from '@app/contracts';
import type { NewEvent } from '../event-store.port';
import { fromKurrentRecord, isSystemRecord, kurrentEventId, toEventData, type KurrentRecord } from './event-mapping';

const event: NewEvent = {
  id: 'command-7:0',
  type: 'BookingConfirmed',
  version: 2,
  data: { bookingId: 'b-1' },
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  actor: systemActor('booking-service'),
  occurredAt: '2025-03-01T09:30:00.000Z',
};

const link = { hash: 'a'.repeat(64), previousHash: 'b'.repeat(64) };

const recordOf = (data: ReturnType<typeof toEventData>, overrides: Partial<KurrentRecord> = {}): KurrentRecord => ({
  streamId: 'booking-b-1',
  id: data.id,
  revision: 3n,
  type: data.type,
  created: new Date('2025-03-01T09:30:01.000Z'),
  isJson: true,
  // What the server hands back: the JSON the client wrote, parsed again.
  data: JSON.parse(JSON.stringify(data.data)) as unknown,
  metadata: JSON.parse(JSON.stringify(data.metadata)) as unknown,
  position: { commit: 500n, prepare: 480n },
  ...overrides,
});

describe('KurrentDB event mapping', () => {
  it('keeps UUID ids and maps any other id to the same UUID every time', () => {
    const uuid = '0F8FAD5B-D9CB-469F-A165-70867728950E';

    expect(kurrentEventId(uuid)).toBe(uuid.toLowerCase());
    expect(kurrentEventId('command-7:0')).toBe(kurrentEventId('command-7:0'));
    expect(kurrentEventId('command-7:0')).not.toBe(kurrentEventId('command-7:1'));
    expect(kurrentEventId('command-7:0')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('writes JSON data and our metadata, including KurrentDB’s own correlation names and the hash chain link', () => {
    const data = toEventData(event, link);

    expect(data).toMatchObject({ contentType: 'application/json', type: 'BookingConfirmed', data: { bookingId: 'b-1' } });
    expect(data.metadata).toEqual({
      correlationId: 'correlation-1',
      causationId: 'causation-1',
      actor: event.actor,
      occurredAt: event.occurredAt,
      version: 2,
      eventId: 'command-7:0',
      $correlationId: 'correlation-1',
      $causationId: 'causation-1',
      hash: link.hash,
      previousHash: link.previousHash,
    });
  });

  it('reads back what it wrote', () => {
    const recorded = fromKurrentRecord(recordOf(toEventData(event, link)));

    expect(recorded).toEqual({ ...event, streamId: 'booking-b-1', streamPosition: 3, globalPosition: '500:480', ...link });
  });

  it('gives events written by other tools neutral metadata instead of failing', () => {
    const foreign = recordOf(toEventData(event, link), { metadata: undefined, id: 'e7c3f0c2-6a43-4d4e-9a57-4c0f3a2f8b11' });

    expect(fromKurrentRecord(foreign)).toMatchObject({
      id: 'e7c3f0c2-6a43-4d4e-9a57-4c0f3a2f8b11',
      version: 1,
      correlationId: '',
      occurredAt: '2025-03-01T09:30:01.000Z',
      hash: undefined,
      previousHash: null,
    });
  });

  it('refuses records without a position', () => {
    expect(() => fromKurrentRecord(recordOf(toEventData(event, link), { position: undefined }))).toThrow(/position/);
  });

  it('recognises system streams and events', () => {
    expect(isSystemRecord({ streamId: '$stats-127.0.0.1:2113', type: 'x' })).toBe(true);
    expect(isSystemRecord({ streamId: 'booking-1', type: '$metadata' })).toBe(true);
    expect(isSystemRecord({ streamId: 'booking-1', type: 'BookingConfirmed' })).toBe(false);
  });
});
