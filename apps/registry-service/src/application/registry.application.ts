import { BookingConfirmedV1, BookingEventTypes, Topics } from '@app/contracts';
import { CommandHandler } from '@app/eventstore';
import { deterministicId } from '@app/eventstore/deterministic-id';
import type { IncomingMessage } from '@app/messaging';
import type { Collection } from '@app/readmodel';
import { ServiceInfra, ServiceRuntime, reactionContext } from '@app/service-kit';
import {
  RegistryEntryCommand,
  RegistryEntryEvent,
  RegistryEntryState,
  registryEntryDecider,
} from '../domain/registry-entry.decider';
import { RegistryEntryView, RegistryEntryViewProjection, registryEntryViews } from '../projections/registry-entry-view.projection';
import { registryIntegrationEvents } from './registry.integration';

export const registryEntryStream = (entryId: string): string => `registry-entry-${entryId}`;

/** The Appointment Registry: one entry per confirmed booking, found by NHS number. */
export class RegistryApplication {
  readonly runtime: ServiceRuntime;
  private readonly commands: CommandHandler<RegistryEntryCommand, RegistryEntryEvent, RegistryEntryState>;
  private readonly entries: Collection<RegistryEntryView>;

  constructor(infra: ServiceInfra) {
    this.commands = new CommandHandler(infra.store, registryEntryDecider);
    this.entries = registryEntryViews(infra.documents);
    this.runtime = new ServiceRuntime(infra, {
      projections: [new RegistryEntryViewProjection(this.entries)],
      publish: registryIntegrationEvents,
      consumers: [
        {
          name: 'bookings',
          topics: [Topics.bookingEvents],
          types: [BookingEventTypes.confirmed],
          handler: (message) => this.onBookingConfirmed(message),
        },
      ],
    });
  }

  /** Live (booked) entries of a patient, soonest first. */
  async liveEntries(nhsNumber: string): Promise<RegistryEntryView[]> {
    return this.entries.find({ nhsNumber, status: 'booked' }, { sort: { start: 1 } });
  }

  private async onBookingConfirmed(message: IncomingMessage): Promise<void> {
    const booking = message.event.data as BookingConfirmedV1;
    const entryId = deterministicId('registry-entry', booking.bookingId);
    await this.commands.handle(
      registryEntryStream(entryId),
      {
        type: 'CreateEntry',
        entry: {
          entryId,
          nhsNumber: booking.patient.nhsNumber,
          appointmentId: booking.bookingId,
          organisation: booking.organisation,
          serviceType: booking.serviceType,
          start: booking.start,
          end: booking.end,
        },
      },
      reactionContext(message.event, 'create-registry-entry'),
    );
  }
}
