/**
 * What the booking keeps of a slot's place: where, when, what, and who hosts it. The booking-service's own type
 * (the same shape as SlotDetails of @app/contracts today): slot events are read into it and integration events are
 * mapped from it in application/, so either side can change alone.
 */
export interface SlotDetails {
  slotId: string;
  /** ODS code of the hosting organisation. */
  organisation: string;
  /** The hosting organisation's name as its publisher gave it (for messages to patients). */
  organisationName?: string;
  /** Federations of the hosting organisation: organisations sharing one may read its appointments. */
  federations?: string[];
  location?: string;
  practitionerRole?: string;
  serviceType: string;
  deliveryChannel: string;
  start: string;
  end: string;
}
