/** Kafka topics of the integration events, versioned with their contract. */
export const Topics = {
  slotEvents: 'slot.events.v1',
  bookingEvents: 'booking.events.v1',
  registryChanges: 'registry.changes.v1',
  notificationEvents: 'notification.events.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];
