import type { Actor } from '@app/contracts';
import type { RecordedEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '../projection-runner';

/** One step of the story auditors read: an event of some service, or a request (from the access audit). */
export interface TimelineItem {
  id: string;
  at: string;
  service: string;
  type: string;
  actor: Omit<Actor, 'federations'> | null;
  /** Why, when the step says (a refusal's, a cancellation's reason; a request's purpose). */
  reason?: string;
  correlationId: string;
  causationId: string | null;
  /** The appointments the step concerns (a rebook names both). */
  appointmentIds: string[];
  /** The position in the store of the service (or of the audit) that holds it. */
  position: string;
  /** A request's method, route, status and outcome. */
  request?: { method: string; route: string | null; status: number; outcome: string };
}

/** The appointment ids an event of a service concerns (booking id, supersedes/supersededBy, an entry's appointment). */
export type AppointmentIdsOf = (event: RecordedEvent) => string[];

export const timelineItems = (documents: DocumentStore): Collection<TimelineItem> =>
  documents.collection<TimelineItem>('timeline', [['correlationId'], ['appointmentIds']]);

/** Ids named in these fields of an event's data, once each: the usual shape of a service's `AppointmentIdsOf`. */
export const idsInFields =
  (...fields: string[]) =>
  (data: unknown): string[] => {
    const values = fields.map((field) => (data as Record<string, unknown> | undefined)?.[field]);
    return [...new Set(values.filter((value): value is string => typeof value === 'string' && value !== ''))];
  };

/**
 * Every event of a service that concerns an appointment, as a timeline step, in a collection all services share
 * (`<service>:<event id>`). Events about no appointment (slots published, searches) are not part of a story.
 */
export class TimelineProjection implements Projection {
  readonly name = 'timeline';
  constructor(
    private readonly service: string,
    private readonly items: Collection<TimelineItem>,
    private readonly appointmentIdsOf: AppointmentIdsOf,
  ) {}

  async apply(event: RecordedEvent): Promise<void> {
    const appointmentIds = this.appointmentIdsOf(event);
    if (appointmentIds.length === 0) return;
    const reason = (event.data as { reason?: unknown } | undefined)?.reason;
    const { federations: _federations, ...actor } = event.actor;
    await this.items.putIfNewer(
      {
        id: `${this.service}:${event.id}`,
        at: event.occurredAt,
        service: this.service,
        type: event.type,
        actor,
        ...(typeof reason === 'string' ? { reason } : {}),
        correlationId: event.correlationId,
        causationId: event.causationId,
        appointmentIds,
        position: event.globalPosition,
      },
      event.globalPosition,
    );
  }
}
