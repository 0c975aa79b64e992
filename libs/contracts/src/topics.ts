/** Kafka topics of the integration events, versioned with their contract. */
export const Topics = {
  slotEvents: 'slot.events.v1',
  bookingEvents: 'booking.events.v1',
  registryChanges: 'registry.changes.v1',
  notificationEvents: 'notification.events.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/**
 * What each topic's records are keyed by: a field of the event's `data` (dotted path). Records of one key keep their
 * order, so one slot's, booking's or patient's events arrive as they happened. A `<topic>.dlq` record keeps the key
 * of the record it holds.
 */
export const TopicKeys: Record<Topic, string> = {
  [Topics.slotEvents]: 'slotId',
  [Topics.bookingEvents]: 'bookingId',
  [Topics.registryChanges]: 'entry.nhsNumber',
  [Topics.notificationEvents]: 'appointmentId',
};
