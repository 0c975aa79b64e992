import { endOffsets } from './kafka-records';

/**
 * How many messages the integration topics' `.dlq` topics hold on the broker (their end offsets, summed). Compare
 * before and after a scenario that has the broker to itself (a broker of its own: test/support/private-infra.ts).
 */
export async function deadLetterCount(brokers: string): Promise<number> {
  const offsets = await endOffsets(brokers);
  return [...offsets].filter(([partition]) => partition.split(':')[0].endsWith('.dlq')).reduce((sum, [, offset]) => sum + Number(offset), 0);
}
