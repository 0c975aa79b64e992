import { randomUUID } from 'node:crypto';
import { Actor, BookingEventTypes, Topics, systemActor } from '@app/contracts';
import { CommandHandler, CommandResult, DomainError } from '@app/eventstore';
import { deterministicId } from '@app/eventstore/deterministic-id';
import type { IncomingMessage } from '@app/messaging';
import type { Collection } from '@app/readmodel';
import {
  DeadlineScheduler,
  DeniedReadError,
  InvalidInputException,
  RequestMeta,
  ServiceInfra,
  ServiceRuntime,
  TooManyRequestsException,
  reactionContext,
  requestContext,
  withEventTypes,
} from '@app/service-kit';
import { definitionProblems, sameDefinition } from '../domain/slot-definition';
import { slotEventTypes } from '../domain/slot-event-types';
import type { SlotCommand } from '../domain/slot.commands';
import { SlotState, slotDecider } from '../domain/slot.decider';
import type { SlotDefinition, SlotEvent } from '../domain/slot.events';
import { availabilityAt } from '../projections/slot-availability';
import { slotProjections } from '../projections/slot-projections';
import { HoldDeadline, SlotView, holdDeadlines, slotViews } from '../projections/slot-view.projection';
import { KeyedLock } from './keyed-lock';
import { mayHold, mayManage, maySee, requesterOf, slotManagerRoles } from './slot-access';
import { SlotPage, SlotSearch, collectPage, decodeCursor, searchFilter, searchOrder } from './slot-search';
import { bookingEventsActedOn, slotCommandFor } from './slot-saga';
import { reservationRefusalStream, slotStream } from './slot-streams';
import { slotIntegrationEvents } from './slot.integration';
import { slotAppointmentIds } from './slot-timeline';

/** A slot as a publisher describes it: the service adds its id and the publisher's federations. */
export type SlotInput = Omit<SlotDefinition, 'slotId' | 'federations'>;

export interface SlotOptions {
  /** How long a hold keeps its place (HOLD_TTL_SECONDS). Default 300. */
  holdTtlSeconds?: number;
  /** Unexpired holds one organisation may have at once (HOLD_LIMIT_PER_ORG). Default 10. */
  holdLimitPerOrg?: number;
  /** How often expired holds are looked for. Default 1 000 ms. */
  holdExpiryPollMs?: number;
  /** How long a write waits for the read model before answering "accepted" instead. Default 5 000 ms. */
  readModelWaitMs?: number;
}

/** The outcome of a write that is answered from the read model: `settled` false when it lagged past the wait. */
export interface Written<T> {
  settled: boolean;
  ids: string[];
  views: T[];
}

export interface HoldReceipt {
  holdId: string;
  slotId: string;
  expiresAt: string;
}

/** Publishing, withdrawing, searching, holding, and the saga's reserve and release steps: the slot-service's use cases. */
export class SlotApplication {
  readonly runtime: ServiceRuntime;
  private readonly commands: CommandHandler<SlotCommand, SlotEvent, SlotState>;
  private readonly slots: Collection<SlotView>;
  private readonly holds: Collection<HoldDeadline>;
  private readonly holdLock = new KeyedLock();
  private readonly options: Required<SlotOptions>;

  constructor(adapters: ServiceInfra, options: SlotOptions = {}) {
    const infra = withEventTypes(adapters, slotEventTypes);
    this.options = {
      holdTtlSeconds: options.holdTtlSeconds ?? 300,
      holdLimitPerOrg: options.holdLimitPerOrg ?? 10,
      holdExpiryPollMs: options.holdExpiryPollMs ?? 1000,
      readModelWaitMs: options.readModelWaitMs ?? 5000,
    };
    this.commands = new CommandHandler(infra.store, slotDecider);
    this.slots = slotViews(infra.documents);
    this.holds = holdDeadlines(infra.documents);
    this.runtime = new ServiceRuntime(infra, {
      projections: slotProjections().map((build) => build(infra.documents)),
      appointmentIdsOf: slotAppointmentIds,
      publish: slotIntegrationEvents,
      consumers: [
        {
          // One consumer for requests and releases: per-booking order (the message key) then holds between them.
          name: 'booking-requests',
          topics: [Topics.bookingEvents],
          types: bookingEventsActedOn,
          handler: (message) => this.onBookingEvent(message),
        },
      ],
      schedulers: [
        new DeadlineScheduler('slot-holds', this.holds, (deadline, now) => this.expireHold(deadline, now), {
          pollIntervalMs: this.options.holdExpiryPollMs,
        }),
      ],
    });
  }

  /**
   * Publishes a batch of the caller's organisation's slots, all or nothing: every slot is checked before any is
   * appended, and one broken rule refuses the batch naming the slot (`slots[2].end`). A retried request (same
   * Idempotency-Key) publishes nothing new.
   */
  async publish(inputs: SlotInput[], actor: Actor, meta: RequestMeta): Promise<Written<SlotView>> {
    if (!slotManagerRoles.includes(actor.role)) {
      throw new DomainError('publish_not_allowed', `only ${slotManagerRoles.join(' or ')} may publish slots, not ${actor.role}`, 'forbidden');
    }
    const foreign = inputs.findIndex((slot) => !mayManage(slot.organisation, actor));
    if (foreign >= 0) {
      throw new DomainError('not_own_organisation', `slots[${foreign}].organisation must be your organisation (${actor.organisation})`, 'forbidden');
    }
    const requestId = meta.idempotencyKey ? deterministicId('publish-slots', actor.organisation, meta.idempotencyKey) : randomUUID();
    const definitions = inputs.map((input, index) => definitionOf(deterministicId(requestId, String(index)), input, actor));
    const problems = definitions.flatMap((slot, index) => definitionProblems(slot).map((p) => ({ field: `slots[${index}].${p.field}`, message: p.message })));
    if (problems.length > 0) throw new InvalidInputException(problems);
    if (meta.idempotencyKey) await this.refuseReusedKey(definitions);

    const results: CommandResult<SlotState>[] = [];
    for (const [index, slot] of definitions.entries()) {
      const commandId = deterministicId(requestId, 'publish', String(index));
      results.push(await this.commands.handle(slotStream(slot.slotId), { type: 'PublishSlot', slot }, requestContext(actor, meta, commandId)));
    }
    const ids = definitions.map((slot) => slot.slotId);
    return this.settle(results, ids);
  }

  /** A repeated Idempotency-Key must carry the same batch: a different one is refused before anything is appended. */
  private async refuseReusedKey(definitions: SlotDefinition[]): Promise<void> {
    for (const [index, slot] of definitions.entries()) {
      const { state } = await this.commands.load(slotStream(slot.slotId));
      if (state.slot && !sameDefinition(state.slot, slot)) {
        throw new DomainError('idempotency_key_reused', `slots[${index}] differs from the batch first sent with this Idempotency-Key`, 'invalid');
      }
    }
  }

  /**
   * Withdraws a slot: 404 for a caller who cannot see it, 403 for one who can but is not the owning organisation's
   * provider-admin (or a system actor), 409 while it has live bookings. Decided on the slot's stream, not the read model.
   */
  async withdraw(slotId: string, actor: Actor, meta: RequestMeta): Promise<Written<SlotView>> {
    const now = new Date();
    const { state } = await this.commands.load(slotStream(slotId));
    if (!state.slot) throw slotNotFound(slotId);
    // A withdrawn slot is gone for those who may not see it; one not open to the caller is a denied read.
    if (!maySee({ ...state.slot, withdrawn: state.withdrawn }, actor, now)) throw state.withdrawn ? slotNotFound(slotId) : slotDenied(slotId);
    if (!mayManage(state.slot.organisation, actor)) {
      throw new DomainError('withdraw_not_allowed', `only a provider-admin of ${state.slot.organisation} may withdraw this slot`, 'forbidden');
    }
    const commandId = meta.idempotencyKey ? deterministicId('withdraw-slot', actor.organisation, slotId, meta.idempotencyKey) : randomUUID();
    const result = await this.commands.handle(slotStream(slotId), { type: 'WithdrawSlot', slotId }, requestContext(actor, meta, commandId));
    return this.settle([result], [slotId]);
  }

  /** Free slots the caller may book (or owns), by start then id, one page at a time. */
  async search(search: SlotSearch, actor: Actor): Promise<SlotPage<SlotView>> {
    const after = search.cursor === undefined ? undefined : decodeCursor(search.cursor);
    if (search.cursor !== undefined && !after) throw new InvalidInputException([{ field: 'cursor', message: 'cursor must be a `next` value from an earlier answer' }]);
    const now = new Date();
    return collectPage(
      (position, batchSize) => this.slots.find(searchFilter(search, position), { sort: searchOrder, limit: batchSize }),
      (view) => maySee(view, actor, now) && availabilityAt(view, now).remaining > 0,
      search.limit,
      after,
    );
  }

  /** A slot the caller may see; any other looks missing, as in search (one it is not allowed to see is recorded as denied). */
  async get(slotId: string, actor: Actor): Promise<SlotView | undefined> {
    const view = await this.slots.get(slotId);
    if (!view || maySee(view, actor, new Date())) return view;
    if (view.withdrawn) return undefined;
    throw slotDenied(slotId);
  }

  /**
   * Keeps one place of the slot for the caller's organisation for the hold TTL. At most `holdLimitPerOrg` unexpired
   * holds per organisation (counted on the read model, one check at a time per organisation in this process).
   * The same Idempotency-Key names the same hold, and a repeat answers as the first time.
   */
  async hold(slotId: string, actor: Actor, meta: RequestMeta): Promise<HoldReceipt> {
    if (!mayHold(actor)) throw new DomainError('hold_not_allowed', `role ${actor.role} may read but not hold`, 'forbidden');
    const holdId = meta.idempotencyKey ? deterministicId('hold', actor.organisation, slotId, meta.idempotencyKey) : randomUUID();
    const stream = slotStream(slotId);
    return this.holdLock.run(actor.organisation, async () => {
      const earlier = (await this.commands.load(stream)).state.holds[holdId];
      if (earlier) return { holdId, slotId, expiresAt: earlier.expiresAt };
      const now = new Date();
      await this.refuseOverHoldLimit(actor.organisation, now);
      const expiresAt = new Date(now.getTime() + this.options.holdTtlSeconds * 1000);
      const context = { ...requestContext(actor, meta, deterministicId('place-hold', holdId)), now };
      const result = await this.commands.handle(stream, { type: 'PlaceHold', slotId, holdId, requester: requesterOf(actor), at: now, expiresAt }, context);
      // The next check of this organisation's limit must count this hold: wait for the read model (bounded).
      await this.settle([result], [slotId]);
      return { holdId, slotId, expiresAt: result.state.holds[holdId].expiresAt };
    });
  }

  private async refuseOverHoldLimit(organisation: string, now: Date): Promise<void> {
    const unexpired = await this.holds.find({ organisation, due: { $gt: now.toISOString() } }, { sort: { due: 1 } });
    if (unexpired.length < this.options.holdLimitPerOrg) return;
    const retryAfter = (Date.parse(unexpired[0].due) - now.getTime()) / 1000;
    throw new TooManyRequestsException(`${organisation} already holds ${unexpired.length} places (the limit is ${this.options.holdLimitPerOrg}); use or let one expire first`, retryAfter);
  }

  /** A hold's deadline fell due: record its expiry (idempotent: the command id derives from the hold). */
  private async expireHold(deadline: HoldDeadline, now: Date): Promise<void> {
    const commandId = deterministicId('expire-hold', deadline.id);
    const actor = systemActor('slot-service');
    await this.commands.handle(
      slotStream(deadline.slotId),
      { type: 'ExpireHold', slotId: deadline.slotId, holdId: deadline.id, at: now },
      { commandId, correlationId: commandId, causationId: commandId, actor, now },
    );
  }

  /**
   * Saga steps: a reservation request takes a place (or is refused); a release request gives one back. A made-up slot
   * id starts no stream: a request is decided on the slot's stream only if it has events (seen in the one read the
   * handler makes), and a reservation refused for want of a slot is kept under the reservation instead.
   */
  private async onBookingEvent(message: IncomingMessage): Promise<void> {
    const context = reactionContext(message.event, message.event.type === BookingEventTypes.slotReleaseRequested ? 'release-slot' : 'reserve-slot');
    const command = slotCommandFor(message, context.now);
    const onSlot = await this.commands.handle(slotStream(command.slotId), command, context, { existingStreamOnly: true });
    if (onSlot.revision < 0 && command.type === 'ReserveSlot') await this.commands.handle(reservationRefusalStream(command.reservationId), command, context);
  }

  /** Waits (bounded) for the read model to hold what the commands wrote; the views, or only the ids when it lags. */
  private async settle(results: CommandResult<SlotState>[], ids: string[]): Promise<Written<SlotView>> {
    const positions = results.map((result) => result.position).filter((position): position is string => position !== undefined);
    try {
      for (const position of positions) await this.runtime.projections.waitFor(position, this.options.readModelWaitMs);
    } catch {
      return { settled: false, ids, views: [] };
    }
    const views = await Promise.all(ids.map((id) => this.slots.get(id)));
    if (views.some((view) => view === undefined)) return { settled: false, ids, views: [] };
    return { settled: true, ids, views: views as SlotView[] };
  }
}

/** The slot as stored: lists in a fixed order, so a repeated request means the same slot whatever order it sent them in. */
function definitionOf(slotId: string, input: SlotInput, actor: Actor): SlotDefinition {
  const slot: SlotDefinition = { slotId, ...input, federations: [...actor.federations].sort() };
  if (input.bookableBy) {
    const lists = Object.entries(input.bookableBy).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]));
    slot.bookableBy = Object.fromEntries(lists.map(([rule, list]) => [rule, [...list].sort()]));
  }
  return slot;
}

const slotNotFound = (slotId: string) => new DomainError('slot_not_found', `no slot ${slotId}`, 'not-found');
/** A slot not (yet) open to the caller answers as a missing one; the access record says denied. */
const slotDenied = (slotId: string) => new DeniedReadError('slot_not_found', `no slot ${slotId}`);
