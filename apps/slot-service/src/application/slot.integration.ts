import { SlotEventTypes, SlotReservationRejectedV1, SlotReservedV1, Topics } from '@app/contracts';
import { RecordedEvent, deterministicId, toDomainEvent } from '@app/eventstore';
import { OutgoingMessage, integrationMessage } from '@app/messaging';
import type { SlotEvent } from '../domain/slot.events';

/** What other services learn from the slot streams: the outcome of each reservation, keyed by slot. */
export function slotIntegrationEvents(recorded: RecordedEvent): OutgoingMessage[] {
  const event = toDomainEvent<SlotEvent>(recorded);
  switch (event.type) {
    case 'SlotReserved': {
      const { requester: _requester, ...reserved } = event.data;
      return [integrationMessage<SlotReservedV1>(recorded, Topics.slotEvents, reserved.slotId, SlotEventTypes.reserved, { ...reserved, reservationId: deterministicId('reservation', reserved.bookingId) })];
    }
    case 'SlotReservationRejected':
      return [
        integrationMessage<SlotReservationRejectedV1>(recorded, Topics.slotEvents, event.data.slotId, SlotEventTypes.reservationRejected, {
          ...event.data,
          reservationId: deterministicId('reservation', event.data.bookingId),
        }),
      ];
    default:
      return [];
  }
}
