import { count, instant, itemsOf, objectOf, oneOf, pageOf, text, texts } from '@app/service-kit';
import { deliveryChannels } from './publish-slots.dto';

/** The answers of /slots, as the controller presents them (`present`: what is left now, never who holds what). */
export const slotSchema = objectOf(
  {
    id: text,
    organisation: text,
    organisationName: text,
    federations: texts,
    location: text,
    practitionerRole: text,
    serviceType: text,
    deliveryChannel: oneOf(deliveryChannels),
    start: instant,
    end: instant,
    capacity: { type: 'integer', minimum: 1 },
    bookableBy: objectOf({ organisations: texts, organisationTypes: texts, federations: texts }, ['organisations', 'organisationTypes', 'federations']),
    visibleFrom: instant,
    booked: count,
    held: count,
    remaining: count,
    status: oneOf(['free', 'full', 'withdrawn']),
  },
  ['organisationName', 'federations', 'location', 'practitionerRole', 'bookableBy', 'visibleFrom'],
  'Slot',
);

export const publishedSlots = itemsOf('PublishedSlots', slotSchema);
export const acceptedSlots = itemsOf('AcceptedSlots', objectOf({ id: text }));
export const slotPage = pageOf('SlotPage', slotSchema);
export const holdReceipt = objectOf({ holdId: text, slotId: text, expiresAt: instant }, [], 'HoldReceipt');
export const withdrawalAccepted = objectOf({ id: text, status: oneOf(['withdrawn']) }, [], 'WithdrawalAccepted');
