import { Topics } from '../../libs/contracts/src';
import { deadLetterTopic } from '../../libs/messaging/src/bus.port';
import { loadKafkaClient } from '../../libs/messaging/src/kafka-client';

/**
 * How many messages the integration topics' `.dlq` topics hold on the broker (their end offsets, summed). Compare
 * before and after a scenario that has the broker to itself (run under `flock /tmp/infra.lock`).
 */
export async function deadLetterCount(brokers: string): Promise<number> {
  const { Admin } = loadKafkaClient();
  const admin = new Admin({ clientId: 'e2e-dead-letters', bootstrapBrokers: brokers.split(',') });
  try {
    const topics = Object.values(Topics).map(deadLetterTopic);
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length === 0) return 0;
    const metadata = await admin.metadata({ topics: present, forceUpdate: true });
    const offsets = await admin.listOffsets({
      topics: present.map((name) => ({
        name,
        partitions: Array.from({ length: metadata.topics.get(name)!.partitionsCount }, (_, partitionIndex) => ({ partitionIndex, timestamp: -1n })),
      })),
    });
    return offsets.reduce((sum, topic) => sum + topic.partitions.reduce((count, p) => count + Number(p.offset), 0), 0);
  } finally {
    await admin.close();
  }
}
