import type { IncomingMessage, MessageHandler, SubscribeRequest } from '../../libs/messaging/src';
import { InProcessBus } from '../../libs/messaging/src';

/**
 * Fault injection for the embedded platform: a slot-service that does not answer for chosen slots. Install it before
 * the platform subscribes. A message of the booking topic naming a held slot, and every later message of the same
 * key (the booking), is kept back from the slot-service's consumers, in order, without blocking anyone else; `open`
 * hands them over as a late broker delivery would.
 */
export class SlotServiceGate {
  private readonly heldSlots = new Set<string>();
  private readonly heldKeys = new Set<string>();
  private readonly waiting: { handler: MessageHandler; message: IncomingMessage }[] = [];
  private restore?: () => void;

  install(): void {
    const original = InProcessBus.prototype.subscribe;
    const gate = this;
    InProcessBus.prototype.subscribe = function (this: InProcessBus, request: SubscribeRequest) {
      if (!request.groupId.startsWith('slot-service.')) return original.call(this, request);
      const handler: MessageHandler = async (message) => {
        if (gate.holds(message)) gate.waiting.push({ handler: request.handler, message });
        else await request.handler(message);
      };
      return original.call(this, { ...request, handler });
    } as typeof original;
    this.restore = () => (InProcessBus.prototype.subscribe = original);
  }

  uninstall(): void {
    this.restore?.();
  }

  /** From now on the slot-service does not see requests for this slot (nor what follows them for the same booking). */
  hold(slotId: string): void {
    this.heldSlots.add(slotId);
  }

  /** How many messages are kept back. */
  get held(): number {
    return this.waiting.length;
  }

  /** Delivers what was kept back, in order, and lets everything through from now on. */
  async open(): Promise<void> {
    this.heldSlots.clear();
    this.heldKeys.clear();
    for (const { handler, message } of this.waiting.splice(0)) await handler(message);
  }

  /** Forgets what was kept back, as a slot-service that never answers would (e.g. across a restart of the platform). */
  discard(): void {
    this.heldSlots.clear();
    this.heldKeys.clear();
    this.waiting.splice(0);
  }

  private holds(message: IncomingMessage): boolean {
    const slotId = (message.event as { data?: { slotId?: string } }).data?.slotId;
    if (slotId && this.heldSlots.has(slotId)) this.heldKeys.add(message.key);
    return this.heldKeys.has(message.key);
  }
}
