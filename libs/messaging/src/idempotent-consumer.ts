import type { MessageHandler } from './bus.port';
import type { ProcessedMessageStore } from './checkpoint-store.port';

/**
 * Wraps a handler so a redelivered message (same event id) changes nothing. The id is recorded after the
 * handler's effect is stored; a crash in between redelivers, and the handler itself stays idempotent for
 * that window through deterministic event ids.
 */
export const idempotent =
  (consumer: string, processed: ProcessedMessageStore, handler: MessageHandler): MessageHandler =>
  async (message) => {
    if (await processed.has(consumer, message.event.id)) return;
    await handler(message);
    await processed.add(consumer, message.event.id);
  };
