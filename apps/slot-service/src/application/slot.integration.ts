import { SlotEventTypes, SlotReleasedV1, SlotReservationRejectedV1, SlotReservedV1, Topics } from '@app/contracts';
import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import { OutgoingMessage, integrationMessage } from '@app/messaging';
import type { SlotEvent } from '../domain/slot.events';

/**
 * What other services learn from the slot streams, keyed by slot: the outcome of each reservation and each
 * release. Publishing, withdrawal and holds stay inside the slot-service.
 */
export function slotIntegrationEvents(recorded: RecordedEvent): OutgoingMessage[] {
  const event = toDomainEvent<SlotEvent>(recorded);
  switch (event.type) {
    case 'SlotReserved': {
      const { requester: _requester, ...reserved } = event.data;
      return [integrationMessage<SlotReservedV1>(recorded, Topics.slotEvents, reserved.slotId, SlotEventTypes.reserved, reserved)];
    }
    case 'SlotReservationRejected':
      return [integrationMessage<SlotReservationRejectedV1>(recorded, Topics.slotEvents, event.data.slotId, SlotEventTypes.reservationRejected, event.data)];
    case 'SlotReleased':
      return [integrationMessage<SlotReleasedV1>(recorded, Topics.slotEvents, event.data.slotId, SlotEventTypes.released, event.data)];
    default:
      return [];
  }
}
