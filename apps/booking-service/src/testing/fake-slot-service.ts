import { randomUUID } from 'node:crypto';
import {
  BookingEventTypes,
  EventEnvelope,
  ReservationRequestV1,
  SlotDetails,
  SlotEventTypes,
  SlotReleaseRequestedV1,
  SlotReservationRejectedV1,
  SlotReservationRejectionReason,
  SlotReservedV1,
  Topics,
  systemActor,
} from '@app/contracts';
import type { Bus } from '@app/messaging';

interface FakeSlot {
  details: SlotDetails;
  capacity: number;
  /** Takes requests but answers none until told: a slot-service that is slow or away. */
  silent?: boolean;
}

/**
 * Plays the slot-service's side of the saga as SPEC.md states it: reserves on BookingRequested and
 * BookingRescheduleRequested (slot_not_found, slot_in_past, slot_full, else SlotReserved), answers with the
 * reservationId, releases a live reservation on SlotReleaseRequested, and decides on reservationId (a redelivery
 * changes nothing).
 */
export class FakeSlotService {
  readonly requests: ReservationRequestV1[] = [];
  readonly releases: SlotReleaseRequestedV1[] = [];
  private readonly slots = new Map<string, FakeSlot>();
  /** reservationId → slotId of places held. */
  readonly live = new Map<string, string>();
  private readonly answered = new Set<string>();

  constructor(private readonly bus: Bus) {}

  async start(): Promise<void> {
    await this.bus.subscribe({
      groupId: 'test.slot-service',
      topics: [Topics.bookingEvents],
      handler: async ({ event }) => {
        if (event.type === BookingEventTypes.requested || event.type === BookingEventTypes.rescheduleRequested) {
          await this.onRequest(event.data as ReservationRequestV1);
        } else if (event.type === BookingEventTypes.slotReleaseRequested) {
          const release = event.data as SlotReleaseRequestedV1;
          this.releases.push(release);
          this.live.delete(release.reservationId);
        }
      },
    });
  }

  /** A slot starting `minutesAhead` from now (fractions allowed), hosted by `organisation`. */
  publish(
    organisation: string,
    options: { minutesAhead?: number; capacity?: number; silent?: boolean; federations?: string[]; organisationName?: string } = {},
  ): SlotDetails {
    const start = new Date(Date.now() + (options.minutesAhead ?? 24 * 60) * 60_000);
    const details: SlotDetails = {
      slotId: `slot-${randomUUID()}`,
      organisation,
      ...(options.organisationName ? { organisationName: options.organisationName } : {}),
      federations: options.federations ?? [],
      location: 'Main surgery',
      serviceType: 'phlebotomy',
      deliveryChannel: 'in-person',
      start: start.toISOString(),
      end: new Date(start.getTime() + 10 * 60_000).toISOString(),
    };
    this.slots.set(details.slotId, { details, capacity: options.capacity ?? 1, silent: options.silent });
    return details;
  }

  /** Places of a slot still held. */
  used(slotId: string): string[] {
    return [...this.live].filter(([, slot]) => slot === slotId).map(([reservationId]) => reservationId);
  }

  requestFor(reservationId: string): ReservationRequestV1 | undefined {
    return this.requests.find((request) => request.reservationId === reservationId);
  }

  /** Answers a request of a silent slot now: as the real service would, had it been late. */
  async answerLate(reservationId: string): Promise<void> {
    const request = this.requestFor(reservationId);
    if (!request) throw new Error(`no request for reservation ${reservationId}`);
    await this.decide(request);
  }

  private async onRequest(request: ReservationRequestV1): Promise<void> {
    if (!this.requests.some((seen) => seen.reservationId === request.reservationId)) this.requests.push(request);
    if (this.slots.get(request.slotId)?.silent) return;
    await this.decide(request);
  }

  private async decide(request: ReservationRequestV1): Promise<void> {
    if (this.answered.has(request.reservationId)) return;
    this.answered.add(request.reservationId);
    const slot = this.slots.get(request.slotId);
    const refuse = (reason: SlotReservationRejectionReason) =>
      this.answer<SlotReservationRejectedV1>(SlotEventTypes.reservationRejected, { slotId: request.slotId, reservationId: request.reservationId, bookingId: request.bookingId, reason });
    if (!slot) return refuse('slot_not_found');
    if (Date.parse(slot.details.start) <= Date.now()) return refuse('slot_in_past');
    if (this.used(request.slotId).length >= slot.capacity) return refuse('slot_full');
    this.live.set(request.reservationId, request.slotId);
    return this.answer<SlotReservedV1>(SlotEventTypes.reserved, { ...slot.details, reservationId: request.reservationId, bookingId: request.bookingId, holdId: request.holdId });
  }

  private answer<T extends { slotId: string }>(type: string, data: T): Promise<void> {
    const event: EventEnvelope<T> = {
      id: randomUUID(),
      type,
      version: 1,
      streamId: `slot-${data.slotId}`,
      streamPosition: 0,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: systemActor('slot-service'),
      data,
    };
    return this.bus.publish([{ topic: Topics.slotEvents, key: data.slotId, event }]);
  }
}
