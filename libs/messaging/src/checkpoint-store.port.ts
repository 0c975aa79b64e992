/** Durable positions of relays and projections, by name. */
export interface CheckpointStore {
  load(name: string): Promise<string | undefined>;
  save(name: string, position: string): Promise<void>;
}

/** Ids of messages a consumer has already handled, so a redelivery changes nothing. */
export interface ProcessedMessageStore {
  has(consumer: string, messageId: string): Promise<boolean>;
  add(consumer: string, messageId: string): Promise<void>;
}
