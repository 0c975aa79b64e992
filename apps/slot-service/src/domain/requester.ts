/** Who asks the slot-service for a place: an organisation, its type and federations (from the caller's token). */
export interface Requester {
  organisation: string;
  organisationType: string;
  federations: string[];
}
