/** Who did something: recorded on every event, so history answers "who, for which organisation, in what role". */
export interface Actor {
  /** ODS code of the acting organisation. */
  organisation: string;
  organisationType: string;
  /** Subject of the token (a person or a system). */
  user: string;
  role: string;
  federations: string[];
}

/** Metadata carried by every event, domain or integration. */
export interface EventMetadata {
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** @format date-time */
  occurredAt: string;
}

/**
 * The envelope of every event: in a service's streams (domain events) and on the bus (integration events).
 * Ids are deterministic where they can be, so a retried command or redelivered message appends nothing new.
 */
export interface EventEnvelope<T = unknown> extends EventMetadata {
  id: string;
  type: string;
  version: number;
  streamId: string;
  /**
   * @asType integer
   * @minimum 0
   */
  streamPosition: number;
  globalPosition?: string;
  data: T;
}

/** The system actor: used for work a service does on its own behalf (for example a saga step). */
export const systemActor = (service: string): Actor => ({
  organisation: service,
  organisationType: 'system',
  user: service,
  role: 'system',
  federations: [],
});
