import { validateIntegrationMessage } from '../../libs/contracts/src/testing/validate-integration-event';
import { InProcessBus, KafkaHeaders, type Bus, type BusSubscription, type OutgoingMessage, type SubscribeRequest } from '../../libs/messaging/src';
import type { KafkaRecord } from './kafka-records';

const fail = (violations: string[]): void => {
  if (violations.length > 0) throw new Error(`${violations.length} published message(s) broke their contract:\n${violations.join('\n')}`);
};

/**
 * The embedded platform's bus, checking every message published on it against its JSON Schema
 * (libs/contracts/schemas). A message that breaks its contract is still delivered (the scenario goes on as it would
 * in production) and is named by `assertValid()`, which EmbeddedPlatform calls when it stops.
 */
export class ContractCheckedBus implements Bus {
  readonly violations: string[] = [];

  constructor(private readonly inner: Bus = new InProcessBus()) {}

  publish(messages: OutgoingMessage[]): Promise<void> {
    for (const { topic, key, event } of messages) {
      try {
        for (const error of validateIntegrationMessage({ topic, key, event })) this.violations.push(`${topic} key ${key} event ${event.id}: ${error}`);
      } catch (error) {
        // A schema that does not compile: reported at stop like a violation, never in the publisher's way.
        this.violations.push(`${topic} key ${key} event ${event.id}: could not validate: ${String(error)}`);
      }
    }
    return this.inner.publish(messages);
  }

  subscribe(request: SubscribeRequest): Promise<BusSubscription> {
    return this.inner.subscribe(request);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Throws naming every published message that did not match its contract. */
  assertValid(): void {
    fail(this.violations);
  }
}

/**
 * What is wrong with a record read back from Kafka: its value against its JSON Schema and key, and its `event-type`
 * and `event-id` headers against the envelope. A `.dlq` record without an `event-type` header holds a value that was
 * no envelope at all, as it came: there is no contract to check.
 */
export function recordViolations({ topic, key, value, headers }: KafkaRecord): string[] {
  const where = `${topic} key ${key}`;
  if (topic.endsWith('.dlq') && !headers.has(KafkaHeaders.eventType)) return [];
  let event: { id?: unknown; type?: unknown };
  try {
    event = JSON.parse(value);
  } catch {
    return [`${where}: the value is not JSON`];
  }
  const errors = validateIntegrationMessage({ topic, key, event });
  if (headers.get(KafkaHeaders.eventType) !== event.type) errors.push(`header ${KafkaHeaders.eventType} ${headers.get(KafkaHeaders.eventType)}, but type ${String(event.type)}`);
  if (headers.get(KafkaHeaders.eventId) !== event.id) errors.push(`header ${KafkaHeaders.eventId} ${headers.get(KafkaHeaders.eventId)}, but id ${String(event.id)}`);
  return errors.map((error) => `${where} event ${String(event.id)}: ${error}`);
}

/** Throws naming every record that broke its contract. */
export const assertValidRecords = (records: KafkaRecord[]): void => fail(records.flatMap(recordViolations));
