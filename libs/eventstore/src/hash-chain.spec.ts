import { createHash } from 'node:crypto';
import type { RecordedEvent } from './event-store.port';
import { ChainVerifier } from './chain-verifier';
import { eventHash, linkBatch } from './hash-chain';

const actor = { organisation: 'A81001', organisationType: 'gp-practice', user: 'u-1', role: 'booker', federations: ['north'] };
const event = {
  id: 'command-1:0',
  type: 'BookingRequested',
  version: 2,
  data: { bookingId: 'b-1', place: { start: '2031-01-01T10:00:00.000Z', organisation: 'A81001' } },
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  actor,
  occurredAt: '2025-03-01T09:30:00.000Z',
  streamId: 'booking-b-1',
  streamPosition: 0,
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the hash chain', () => {
  it('hashes exactly what docs/architecture.md says: stores written today must verify tomorrow', () => {
    const dataHash = sha256('{"bookingId":"b-1","place":{"organisation":"A81001","start":"2031-01-01T10:00:00.000Z"}}');
    const metadata =
      '{"actor":{"federations":["north"],"organisation":"A81001","organisationType":"gp-practice","role":"booker","user":"u-1"},' +
      '"causationId":"causation-1","correlationId":"correlation-1","occurredAt":"2025-03-01T09:30:00.000Z"}';
    const previous = 'a'.repeat(64);

    expect(eventHash({ ...event, globalPosition: '7' }, previous)).toBe(
      sha256(
        `{"dataHash":"${dataHash}","globalPosition":"7","id":"command-1:0","metadata":${metadata},"previousHash":"${previous}",` +
          '"streamId":"booking-b-1","streamPosition":0,"type":"BookingRequested","version":2}',
      ),
    );
    expect(eventHash(event, null)).toBe(
      sha256(
        `{"dataHash":"${dataHash}","id":"command-1:0","metadata":${metadata},"previousHash":null,` +
          '"streamId":"booking-b-1","streamPosition":0,"type":"BookingRequested","version":2}',
      ),
    );
  });

  it('links each event of a batch to the one before it', () => {
    const links = linkBatch('booking-b-1', [event, { ...event, id: 'command-1:1' }], 4, 'b'.repeat(64), (index) => String(10 + index));

    expect(links[0]).toEqual({ previousHash: 'b'.repeat(64), hash: eventHash({ ...event, streamPosition: 4, globalPosition: '10' }, 'b'.repeat(64)) });
    expect(links[1]).toEqual({ previousHash: links[0].hash, hash: eventHash({ ...event, id: 'command-1:1', streamPosition: 5, globalPosition: '11' }, links[0].hash) });
  });

  describe('verified one chain per stream', () => {
    const recorded = (streamId: string, streamPosition: number, previousHash: string | null, data: unknown = { streamPosition }): RecordedEvent => {
      const base = { ...event, id: `${streamId}:${streamPosition}`, streamId, streamPosition, data };
      return { ...base, globalPosition: `${streamPosition}:${streamPosition}`, previousHash, hash: eventHash(base, previousHash) };
    };
    const a0 = recorded('a', 0, null);
    const b0 = recorded('b', 0, null);
    const a1 = recorded('a', 1, a0.hash!);
    const a2 = recorded('a', 2, a1.hash!);

    it('passes interleaved streams, each chained on its own, global positions aside', () => {
      const verifier = new ChainVerifier('stream');

      expect([a0, b0, a1, a2].map((one) => verifier.check({ ...one, globalPosition: 'anything:1' }))).toEqual([undefined, undefined, undefined, undefined]);
      expect(verifier.verified).toBe(4);
      expect(verifier.head).toMatchObject({ id: 'a:2' });
    });

    it('finds an event missing from its stream, and an altered one', () => {
      expect(new ChainVerifier('stream').check(a1)).toMatchObject({ kind: 'unlinked' });
      const verifier = new ChainVerifier('stream');
      verifier.check(a0);
      expect(verifier.check({ ...a1, data: { streamPosition: 99 } })).toMatchObject({ kind: 'altered', reason: 'its content does not match its hash' });
      expect(verifier.check({ ...a1, hash: undefined })).toMatchObject({ kind: 'altered', reason: 'it carries no hash' });
    });
  });
});
