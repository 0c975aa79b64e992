import { randomUUID } from 'node:crypto';
import { Topics } from '../../libs/contracts/src';
import { deadLetterTopic } from '../../libs/messaging/src/bus.port';
import { closeForced, loadKafkaClient } from '../../libs/messaging/src/kafka-client';

/** Where each partition of the integration topics (and their `.dlq`) ends, by `topic:partition`. */
export type EndOffsets = Map<string, bigint>;

export interface KafkaRecord {
  topic: string;
  key: string;
  value: string;
  headers: Map<string, string>;
}

export const integrationTopics = (): string[] => Object.values(Topics).flatMap((topic) => [topic, deadLetterTopic(topic)]);

/** The end offsets now; a topic that does not exist yet is left out (it starts at 0). */
export async function endOffsets(brokers: string): Promise<EndOffsets> {
  const { Admin } = loadKafkaClient();
  const admin = new Admin({ clientId: 'e2e-end-offsets', bootstrapBrokers: brokers.split(',') });
  try {
    const existing = new Set(await admin.listTopics());
    const present = integrationTopics().filter((topic) => existing.has(topic));
    if (present.length === 0) return new Map();
    const metadata = await admin.metadata({ topics: present, forceUpdate: true });
    const offsets = await admin.listOffsets({
      topics: present.map((name) => ({
        name,
        partitions: Array.from({ length: metadata.topics.get(name)!.partitionsCount }, (_, partitionIndex) => ({ partitionIndex, timestamp: -1n })),
      })),
    });
    return new Map(offsets.flatMap((topic) => topic.partitions.map((p) => [`${topic.name}:${p.partitionIndex}`, p.offset] as const)));
  } finally {
    await admin.close();
  }
}

/**
 * Every record produced to the integration topics after `from` (up to their end now). Run under
 * `flock /tmp/infra.lock` so the records are this scenario's own.
 */
export async function recordsSince(brokers: string, from: EndOffsets): Promise<KafkaRecord[]> {
  const to = await endOffsets(brokers);
  const ranges = [...to].map(([id, end]) => ({ topic: id.slice(0, id.lastIndexOf(':')), partition: Number(id.slice(id.lastIndexOf(':') + 1)), offset: from.get(id) ?? 0n, end }));
  const wanted = ranges.filter((range) => range.end > range.offset);
  if (wanted.length === 0) return [];
  const { Consumer, MessagesStreamModes, stringDeserializers } = loadKafkaClient();
  const consumer = new Consumer<string, string, string, string>({
    clientId: 'e2e-records',
    groupId: `e2e-records-${randomUUID()}`,
    bootstrapBrokers: brokers.split(','),
    autocommit: false,
    maxWaitTime: 200,
    deserializers: stringDeserializers,
  });
  try {
    const stream = await consumer.consume({
      topics: [...new Set(wanted.map((range) => range.topic))],
      mode: MessagesStreamModes.MANUAL,
      offsets: wanted.map(({ topic, partition, offset }) => ({ topic, partition, offset })),
    });
    const left = new Map(wanted.map((range) => [`${range.topic}:${range.partition}`, range.end]));
    const records: KafkaRecord[] = [];
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`reading back the topics timed out; still waiting on ${[...left.keys()].join(', ')}`)), 30_000);
      stream.on('error', reject);
      stream.on('data', (message) => {
        const id = `${message.topic}:${message.partition}`;
        const end = left.get(id);
        if (end === undefined || message.offset >= end) return;
        records.push({ topic: message.topic, key: message.key, value: message.value, headers: message.headers });
        if (message.offset + 1n >= end) left.delete(id);
        if (left.size === 0) {
          clearTimeout(timeout);
          resolve();
        }
      });
    });
    await stream.close();
    return records;
  } finally {
    await closeForced(consumer);
  }
}
