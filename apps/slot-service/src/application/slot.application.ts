import { randomUUID } from 'node:crypto';
import { Actor, BookingEventTypes, BookingRequestedV1, Topics } from '@app/contracts';
import { CommandHandler, DomainError } from '@app/eventstore';
import type { IncomingMessage } from '@app/messaging';
import type { Collection } from '@app/readmodel';
import { RequestMeta, ServiceInfra, ServiceRuntime, reactionContext, requestContext } from '@app/service-kit';
import { deterministicId } from '@app/eventstore/deterministic-id';
import { isBookableBy } from '../domain/bookable-by';
import type { SlotCommand } from '../domain/slot.commands';
import { SlotState, slotDecider } from '../domain/slot.decider';
import type { SlotDefinition, SlotEvent } from '../domain/slot.events';
import { SlotView, SlotViewProjection, slotViews } from '../projections/slot-view.projection';
import { slotIntegrationEvents } from './slot.integration';

export const slotStream = (slotId: string): string => `slot-${slotId}`;

const requesterOf = (actor: Actor) => ({ organisation: actor.organisation, organisationType: actor.organisationType, federations: actor.federations });

export interface SlotSearch {
  organisation?: string;
  serviceType?: string;
  deliveryChannel?: string;
  start: string;
  end: string;
  limit: number;
}

/** Publishing, searching and reserving slots: the slot-service's use cases. */
export class SlotApplication {
  readonly runtime: ServiceRuntime;
  private readonly commands: CommandHandler<SlotCommand, SlotEvent, SlotState>;
  private readonly slots: Collection<SlotView>;

  constructor(infra: ServiceInfra) {
    this.commands = new CommandHandler(infra.store, slotDecider);
    this.slots = slotViews(infra.documents);
    this.runtime = new ServiceRuntime(infra, {
      projections: [new SlotViewProjection(this.slots)],
      publish: slotIntegrationEvents,
      consumers: [
        {
          name: 'booking-requests',
          topics: [Topics.bookingEvents],
          types: [BookingEventTypes.requested],
          handler: (message) => this.onBookingRequested(message),
        },
      ],
    });
  }

  /** Publishes slots of the caller's organisation; a retried request (same Idempotency-Key) publishes nothing new. */
  async publish(slots: Omit<SlotDefinition, 'slotId'>[], actor: Actor, meta: RequestMeta): Promise<SlotView[]> {
    const foreign = slots.findIndex((slot) => slot.organisation !== actor.organisation && actor.role !== 'system');
    if (foreign >= 0) {
      throw new DomainError('not_own_organisation', `slots[${foreign}].organisation must be your organisation (${actor.organisation})`, 'forbidden');
    }
    const requestId = meta.idempotencyKey ? deterministicId('publish-slots', actor.organisation, meta.idempotencyKey) : randomUUID();
    const ids: string[] = [];
    let lastPosition: string | undefined;
    for (const [index, slot] of slots.entries()) {
      const slotId = deterministicId(requestId, String(index));
      const result = await this.commands.handle(
        slotStream(slotId),
        { type: 'PublishSlot', slot: { slotId, ...slot } },
        requestContext(actor, meta, deterministicId(requestId, 'publish', String(index))),
      );
      ids.push(slotId);
      lastPosition = result.position ?? lastPosition;
    }
    if (lastPosition) await this.runtime.projections.waitFor(lastPosition);
    return Promise.all(ids.map(async (id) => (await this.slots.get(id))!));
  }

  /** Free slots the caller may book, by start. */
  async search(query: SlotSearch, actor: Actor): Promise<SlotView[]> {
    const filter: Record<string, unknown> = { status: 'free', start: { $gte: query.start, $lt: query.end } };
    if (query.organisation) filter.organisation = query.organisation;
    if (query.serviceType) filter.serviceType = query.serviceType;
    if (query.deliveryChannel) filter.deliveryChannel = query.deliveryChannel;
    const found = await this.slots.find(filter, { sort: { start: 1 } });
    return found.filter((slot) => isBookableBy(slot, requesterOf(actor))).slice(0, query.limit);
  }

  /** A slot the caller may book (or owns); any other looks missing, as in search. */
  async get(slotId: string, actor: Actor): Promise<SlotView | undefined> {
    const slot = await this.slots.get(slotId);
    return slot && isBookableBy(slot, requesterOf(actor)) ? slot : undefined;
  }

  /** Saga step 2: a booking asks for capacity; the slot stream decides under optimistic concurrency. */
  private async onBookingRequested(message: IncomingMessage): Promise<void> {
    const request = message.event.data as BookingRequestedV1;
    const context = reactionContext(message.event, 'reserve-slot');
    await this.commands.handle(
      slotStream(request.slotId),
      { type: 'ReserveSlot', slotId: request.slotId, bookingId: request.bookingId, requester: request.requester, at: context.now },
      context,
    );
  }
}
