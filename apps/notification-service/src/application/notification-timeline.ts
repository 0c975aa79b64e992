import type { RecordedEvent } from '@app/eventstore';

const streamPrefix = 'notification-';

/** A booking's notifications are one stream (`notification-<bookingId>`): every event there concerns that booking. */
export const notificationAppointmentIds = (event: RecordedEvent): string[] => (event.streamId.startsWith(streamPrefix) ? [event.streamId.slice(streamPrefix.length)] : []);
