import { randomUUID } from 'node:crypto';
import { systemActor, type EventEnvelope } from '@app/contracts';
import { UnprocessableMessageError, idempotent, type Bus, type ProcessedMessageStore } from '@app/messaging';

/**
 * Two consumer groups on one topic, wrapped as ServiceRuntime wraps consumers (idempotent per group): `healthy`
 * handles everything, `broken` gives up on every message until `fix()`. What each handled, by event id.
 */
export async function twoGroups(bus: Bus, processed: ProcessedMessageStore, topic: string, prefix: string) {
  const handled = { healthy: [] as string[], broken: [] as string[] };
  let broken = true;
  const healthy = `${prefix}.healthy`;
  const failing = `${prefix}.broken`;
  await bus.subscribe({
    groupId: healthy,
    topics: [topic],
    handler: idempotent(healthy, processed, async (message) => void handled.healthy.push(message.event.id)),
  });
  await bus.subscribe({
    groupId: failing,
    topics: [topic],
    handler: idempotent(failing, processed, async (message) => {
      if (broken) throw new UnprocessableMessageError(`cannot read ${message.event.type}`);
      handled.broken.push(message.event.id);
    }),
  });
  return { handled, failing, fix: () => (broken = false) };
}

export const waitFor = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

export const envelope = (type: string, data: unknown): EventEnvelope => ({
  id: randomUUID(),
  type,
  version: 1,
  streamId: `spec-${randomUUID()}`,
  streamPosition: 0,
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: systemActor('ops-spec'),
  occurredAt: new Date().toISOString(),
  data,
});
