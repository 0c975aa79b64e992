import { BookingEventTypes, ReservationRequestV1, SlotReleaseRequestedV1 } from '@app/contracts';
import { IncomingMessage, UnprocessableMessageError } from '@app/messaging';
import type { ReleaseSlot, ReserveSlot } from '../domain/slot.commands';

/** The booking events the slot-service acts on: reservation requests (new booking, reschedule) and release requests. */
export const bookingEventsActedOn = [BookingEventTypes.requested, BookingEventTypes.rescheduleRequested, BookingEventTypes.slotReleaseRequested];

/**
 * The command a booking event asks of a slot: BookingRequested and BookingRescheduleRequested reserve a place for
 * their reservationId at `at`, SlotReleaseRequested gives one back. A message lacking what the command needs can
 * never succeed: it is unprocessable (dead-lettered at once).
 */
export function slotCommandFor(message: IncomingMessage, at: Date): ReserveSlot | ReleaseSlot {
  if (message.event.type === BookingEventTypes.slotReleaseRequested) {
    const { slotId, reservationId, reason } = readData<SlotReleaseRequestedV1>(message, ['bookingId', 'reservationId', 'slotId', 'reason']);
    return { type: 'ReleaseSlot', slotId, reservationId, reason };
  }
  const { slotId, reservationId, bookingId, holdId, requester } = readData<ReservationRequestV1>(message, ['bookingId', 'reservationId', 'slotId']);
  if (typeof requester?.organisation !== 'string') throw new UnprocessableMessageError(`${message.event.type} ${message.event.id} has no requester`);
  return {
    type: 'ReserveSlot',
    slotId,
    reservationId,
    bookingId,
    holdId,
    requester: { organisation: requester.organisation, organisationType: requester.organisationType, federations: requester.federations ?? [] },
    at,
  };
}

/** The message's data, with the named text fields present. */
function readData<T>(message: IncomingMessage, fields: (keyof T & string)[]): T {
  const data = message.event.data as Record<string, unknown> | undefined;
  const missing = fields.filter((field) => typeof data?.[field] !== 'string' || data[field] === '');
  if (missing.length > 0) throw new UnprocessableMessageError(`${message.event.type} ${message.event.id} lacks ${missing.join(', ')}`);
  return data as T;
}
