/** Record headers written by the Kafka bus. */
export const KafkaHeaders = {
  eventType: 'event-type',
  eventId: 'event-id',
  /** On `<topic>.dlq` records: why, where from, which group, how many tries. */
  error: 'dlq-error',
  originalTopic: 'dlq-original-topic',
  groupId: 'dlq-group-id',
  attempts: 'dlq-attempts',
} as const;
