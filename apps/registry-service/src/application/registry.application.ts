import { Topics } from '@app/contracts';
import type { Actor } from '@app/contracts';
import { CommandHandler } from '@app/eventstore';
import { DeadlineScheduler, RequestMeta, ServiceInfra, ServiceRuntime, accessRecords, withEventTypes } from '@app/service-kit';
import { registryEventTypes } from '../domain/registry-event-types';
import { registryEntryDecider } from '../domain/registry-entry.decider';
import { accessLogViews } from '../projections/access-log.projection';
import { expiryDeadlines } from '../projections/expiry-deadlines.projection';
import { registryEntryViews } from '../projections/registry-entry-view.projection';
import { registryProjections } from '../projections/registry-projections';
import { AccessLogQuery, listAccessLog } from './access-log';
import { readChanges } from './changes-feed';
import { expireEntry } from './expire-entry';
import { ExternalEntryInput, changeExternalEntry, readEntry, recordExternalEntry } from './external-entries';
import { followBooking, followedBookingEvents } from './follow-bookings';
import { PatientSearchRequest, searchPatient } from './patient-search';
import { RegistryOptions, registryOptions } from './registry-options';
import type { RegistryParts } from './registry-parts';
import { registryIntegrationEvents } from './registry.integration';
import { registryAppointmentIds } from './registry-timeline';

/**
 * The Appointment Registry: one entry per appointment (a booking's, kept in step with it, or a provider's own),
 * found by NHS number, expired after its end, every change published and readable as a feed, every patient
 * search listed for auditors (from the access audit).
 */
export class RegistryApplication {
  readonly runtime: ServiceRuntime;
  readonly options: RegistryOptions;
  private readonly parts: RegistryParts;

  constructor(adapters: ServiceInfra, options: Partial<RegistryOptions> = {}) {
    const infra = withEventTypes(adapters, registryEventTypes);
    this.options = registryOptions(options);
    const entryViews = registryEntryViews(infra.documents);
    const accessLog = accessLogViews(infra.documents);
    const deadlines = expiryDeadlines(infra.documents);
    this.parts = {
      store: infra.store,
      entries: new CommandHandler(infra.store, registryEntryDecider),
      entryViews,
      accessLog,
      accessRecords: accessRecords(infra.auditDocuments),
      options: this.options,
    };
    const sweep = new DeadlineScheduler('registry-expiry', deadlines, (deadline, now) => expireEntry(this.parts, deadline, now), {
      pollIntervalMs: this.options.sweepPollMs,
    });
    this.runtime = new ServiceRuntime(infra, {
      projections: registryProjections(this.options).map((build) => build(infra.documents)),
      appointmentIdsOf: registryAppointmentIds,
      publish: registryIntegrationEvents,
      consumers: [{ name: 'bookings', topics: [Topics.bookingEvents], types: followedBookingEvents, handler: (message) => followBooking(this.parts, message) }],
      schedulers: [sweep],
    });
  }

  recordEntry = (input: ExternalEntryInput, actor: Actor, meta: RequestMeta) => recordExternalEntry(this.parts, input, actor, meta);
  entry = (id: string, actor: Actor) => readEntry(this.parts, id, actor);
  cancelEntry = (id: string, reason: string | undefined, ifMatch: string | undefined, actor: Actor, meta: RequestMeta) =>
    changeExternalEntry(this.parts, id, { type: 'CancelEntry', reason }, ifMatch, actor, meta);
  markEnteredInError = (id: string, reason: string | undefined, ifMatch: string | undefined, actor: Actor, meta: RequestMeta) =>
    changeExternalEntry(this.parts, id, { type: 'MarkEnteredInError', reason }, ifMatch, actor, meta);
  searchPatient = (request: PatientSearchRequest, actor: Actor) => searchPatient(this.parts, request, actor);
  accessLog = (query: AccessLogQuery, actor: Actor) => listAccessLog(this.parts, query, actor);
  changes = (after: string | undefined, limit: number, actor: Actor) => readChanges(this.parts, after, limit, actor);
}
