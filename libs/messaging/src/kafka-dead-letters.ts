import { randomUUID } from 'node:crypto';
import type { Message } from '@platformatic/kafka';
import type { EventEnvelope } from '@app/contracts';
import { DEAD_LETTER_EVENT_TYPE, type DeadLetter } from './dead-letter';
import { closeForced, loadKafkaClient } from './kafka-client';
import { KafkaHeaders } from './kafka-headers';

type StringMessage = Message<string, string, string, string>;

/**
 * A record of a `<topic>.dlq`. `event` is the original event; it is missing when the original message was no
 * event envelope at all (then `raw` is its value, and the id is the dlq record's place: `<dlq>:<partition>:<offset>`).
 */
export interface KafkaDeadLetter extends Omit<DeadLetter, 'event'> {
  id: string;
  failedAt: string;
  event?: EventEnvelope;
  raw?: string;
}

const parse = (value: string): unknown => {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
};

const toDeadLetter = (message: StringMessage): KafkaDeadLetter => {
  const parsed = parse(message.value) as EventEnvelope<DeadLetter> | undefined;
  if (parsed?.type === DEAD_LETTER_EVENT_TYPE) return { id: parsed.id, failedAt: parsed.occurredAt, ...parsed.data };
  const header = (name: string) => message.headers.get(name) ?? '';
  return {
    id: `${message.topic}:${message.partition}:${message.offset}`,
    failedAt: new Date(Number(message.timestamp)).toISOString(),
    topic: header(KafkaHeaders.originalTopic),
    key: message.key ?? '',
    groupId: header(KafkaHeaders.groupId),
    attempts: Number(header(KafkaHeaders.attempts)),
    error: header(KafkaHeaders.error),
    raw: message.value,
  };
};

/**
 * Every dead letter on the cluster's `<topic>.dlq` topics, read from their start to their end as it is now, then
 * stops: a throwaway consumer group that commits nothing. A message that failed again after a retry is on the
 * dlq twice with the same id: the latest failure is kept.
 */
export async function readKafkaDeadLetters(brokers: string[], { timeoutMs = 60_000 } = {}): Promise<KafkaDeadLetter[]> {
  const kafka = loadKafkaClient();
  const clientId = 'dead-letters-cli';
  const admin = new kafka.Admin({ clientId, bootstrapBrokers: brokers });
  const topics = (await admin.listTopics().finally(() => admin.close())).filter((topic) => topic.endsWith('.dlq'));
  if (topics.length === 0) return [];
  const consumer = new kafka.Consumer<string, string, string, string>({
    clientId,
    groupId: `${clientId}-${randomUUID()}`,
    bootstrapBrokers: brokers,
    autocommit: false,
    deserializers: kafka.stringDeserializers,
  });
  try {
    const [starts, ends] = await Promise.all([consumer.listOffsets({ topics, timestamp: -2n }), consumer.listOffsets({ topics })]);
    const unread = new Map<string, bigint>();
    for (const [topic, offsets] of ends) {
      offsets.forEach((end, partition) => end > (starts.get(topic)?.[partition] ?? 0n) && unread.set(`${topic}:${partition}`, end));
    }
    if (unread.size === 0) return [];
    const letters = new Map<string, KafkaDeadLetter>();
    const stream = await consumer.consume({ topics, autocommit: false, mode: kafka.MessagesStreamModes.EARLIEST });
    const timer = setTimeout(() => stream.destroy(new Error(`reading the dead-letter topics took over ${timeoutMs} ms`)), timeoutMs);
    try {
      for await (const message of stream as AsyncIterable<StringMessage>) {
        const letter = toDeadLetter(message);
        const known = letters.get(letter.id);
        if (!known || known.failedAt <= letter.failedAt) letters.set(letter.id, letter);
        const place = `${message.topic}:${message.partition}`;
        if (message.offset + 1n >= (unread.get(place) ?? 0n)) unread.delete(place);
        if (unread.size === 0) break;
      }
    } finally {
      clearTimeout(timer);
      await stream.close().catch(() => undefined);
    }
    return [...letters.values()].sort((a, b) => a.failedAt.localeCompare(b.failedAt) || a.id.localeCompare(b.id));
  } finally {
    await closeForced(consumer);
  }
}
