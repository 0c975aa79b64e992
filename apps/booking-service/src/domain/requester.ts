/** Who books or moves an appointment: an organisation, its type and federations (from the caller's token). */
export interface Requester {
  organisation: string;
  organisationType: string;
  federations: string[];
}
