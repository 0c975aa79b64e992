import { randomUUID } from 'node:crypto';
import { Actor, SlotEventTypes, SlotReservationRejectedV1, SlotReservedV1, Topics } from '@app/contracts';
import { mayAccessBooking } from '@app/access';
import { CommandHandler } from '@app/eventstore';
import { deterministicId } from '@app/eventstore/deterministic-id';
import type { IncomingMessage } from '@app/messaging';
import type { Collection } from '@app/readmodel';
import { RequestMeta, ServiceInfra, ServiceRuntime, reactionContext, requestContext } from '@app/service-kit';
import type { BookingCommand } from '../domain/booking.commands';
import { BookingState, bookingDecider } from '../domain/booking.decider';
import type { BookingEvent, Patient } from '../domain/booking.events';
import { AppointmentView, AppointmentViewProjection, appointmentViews } from '../projections/appointment-view.projection';
import { bookingIntegrationEvents } from './booking.integration';

export const bookingStream = (bookingId: string): string => `booking-${bookingId}`;

export interface BookAppointment {
  slotId: string;
  patient: Patient;
  description: string;
  comment?: string;
}

/** Booking use cases: request (then wait for the saga's outcome), read, and the saga's confirm/reject steps. */
export class BookingApplication {
  readonly runtime: ServiceRuntime;
  private readonly commands: CommandHandler<BookingCommand, BookingEvent, BookingState>;
  private readonly appointments: Collection<AppointmentView>;

  constructor(infra: ServiceInfra) {
    this.commands = new CommandHandler(infra.store, bookingDecider);
    this.appointments = appointmentViews(infra.documents);
    this.runtime = new ServiceRuntime(infra, {
      projections: [new AppointmentViewProjection(this.appointments)],
      publish: bookingIntegrationEvents,
      consumers: [
        {
          name: 'slot-outcomes',
          topics: [Topics.slotEvents],
          types: [SlotEventTypes.reserved, SlotEventTypes.reservationRejected],
          handler: (message) => this.onSlotOutcome(message),
        },
      ],
    });
  }

  /**
   * Saga step 1: records the request (pending) and waits up to `waitMs` for the slot-service's answer.
   * The same Idempotency-Key from the same organisation always names the same booking, so a retry never books twice.
   */
  async book(command: BookAppointment, actor: Actor, meta: RequestMeta, waitMs: number): Promise<AppointmentView> {
    const bookingId = meta.idempotencyKey ? deterministicId('booking', actor.organisation, meta.idempotencyKey) : randomUUID();
    const request: BookingCommand = {
      type: 'RequestBooking',
      request: {
        bookingId,
        ...command,
        bookedBy: { organisation: actor.organisation, organisationType: actor.organisationType, federations: actor.federations },
      },
    };
    const result = await this.commands.handle(bookingStream(bookingId), request, requestContext(actor, meta, deterministicId('request-booking', bookingId)));
    // A repeat is answered from the store without deciding: the decider still judges whether it is the same request.
    if (result.repeated) bookingDecider.decide(request, result.state);
    let view: AppointmentView | undefined;
    await this.runtime.projections.waitUntil(async () => {
      view = await this.appointments.get(bookingId);
      return view !== undefined && view.status !== 'pending';
    }, waitMs);
    return view ?? (await this.appointments.get(bookingId))!;
  }

  /** The appointment if the actor may see it; a denied read looks like a missing one. */
  async get(bookingId: string, actor: Actor): Promise<AppointmentView | undefined> {
    const view = await this.appointments.get(bookingId);
    return view && mayAccessBooking(actor, view) ? view : undefined;
  }

  /** Saga step 3: the slot-service's answer settles the booking. */
  private async onSlotOutcome(message: IncomingMessage): Promise<void> {
    const { event } = message;
    if (event.type === SlotEventTypes.reserved) {
      const { bookingId, ...slot } = event.data as SlotReservedV1;
      await this.commands.handle(bookingStream(bookingId), { type: 'ConfirmBooking', bookingId, slot }, reactionContext(event, 'confirm-booking'));
    } else {
      const { bookingId, reason } = event.data as SlotReservationRejectedV1;
      await this.commands.handle(bookingStream(bookingId), { type: 'RejectBooking', bookingId, reason }, reactionContext(event, 'reject-booking'));
    }
  }
}
