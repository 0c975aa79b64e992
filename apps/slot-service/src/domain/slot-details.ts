/**
 * What the slot-service tells about a slot's place: where, when, what, and who hosts it. The service's own type:
 * the same shape as SlotDetails of @app/contracts today, so a change of the public contract does not change what
 * the stream holds (slot.integration.ts is the bridge).
 */
export interface SlotDetails {
  slotId: string;
  /** ODS code of the hosting organisation. */
  organisation: string;
  /** The hosting organisation's name as its publisher gave it (for messages to patients). */
  organisationName?: string;
  /** Federations of the hosting organisation (from the publisher's token): organisations sharing one may read its appointments. */
  federations?: string[];
  location?: string;
  practitionerRole?: string;
  serviceType: string;
  deliveryChannel: string;
  start: string;
  end: string;
}
