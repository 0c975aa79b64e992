import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { RescheduleEvent } from '../domain/reschedule/reschedule.events';
import type { AttemptStatus } from '../domain/reschedule/reschedule.state';

/** One attempt to move an appointment, as a client polls it after a 202. */
export interface RescheduleAttemptView {
  id: string;
  bookingId: string;
  slotId: string;
  status: AttemptStatus;
  reason?: string;
  requestedAt: string;
  updatedAt: string;
  /** Stream position of the last event applied, so a replay changes nothing. */
  position: number;
}

export const rescheduleAttemptViews = (documents: DocumentStore): Collection<RescheduleAttemptView> =>
  documents.collection<RescheduleAttemptView>('reschedule-attempts', [['bookingId']]);

const statusAfter: Record<RescheduleEvent['type'], AttemptStatus> = {
  RescheduleRequested: 'requested',
  RescheduleReserved: 'reserved',
  RescheduleCompleted: 'completed',
  RescheduleRefused: 'refused',
  RescheduleTimedOut: 'timed-out',
  RescheduleAbandoned: 'abandoned',
};

export const isRescheduleEvent = (recorded: RecordedEvent): boolean => recorded.type in statusAfter;

/** A final status: the attempt moved the appointment, or it never will. */
export const isSettled = (status: AttemptStatus): boolean => status !== 'requested' && status !== 'reserved';

export class RescheduleAttemptProjection implements Projection {
  readonly name = 'reschedule-attempts';

  constructor(private readonly attempts: Collection<RescheduleAttemptView>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (!isRescheduleEvent(recorded)) return;
    const event = toDomainEvent<RescheduleEvent>(recorded);
    const { rescheduleId, bookingId, slotId } = event.data;
    const attempt = await this.attempts.get(rescheduleId);
    if (attempt && attempt.position >= recorded.streamPosition) return;
    const reason = 'reason' in event.data ? event.data.reason : event.type === 'RescheduleTimedOut' ? 'timeout' : undefined;
    await this.attempts.putIfNewer({
      id: rescheduleId,
      bookingId,
      slotId,
      status: statusAfter[event.type],
      ...(reason ? { reason } : {}),
      requestedAt: attempt?.requestedAt ?? recorded.occurredAt,
      updatedAt: recorded.occurredAt,
      position: recorded.streamPosition,
    }, recorded.globalPosition);
  }
}
