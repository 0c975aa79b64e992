import { ConfirmedBooking, confirmedAppointment } from '../appointment';
import type { PatientContact, Supporter } from '../contact-details';
import type { NotificationSettings, RetryPolicy } from '../notification';
import type { NoteBookingConfirmed } from '../notification.commands';
import type { NotificationEvent } from '../notification.events';
import { notificationDecider } from '../notification.decider';

export const hour = 3_600_000;
export const now = new Date('2030-06-01T09:00:00Z');
export const settings: NotificationSettings = { reminderOffsetsMs: [48 * hour, 2 * hour], organisationNames: { A81001: 'Riverside Surgery' } };
export const retry: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 1500 };

export const mobile = '07700900123';
export const email = 'pat@example.com';
export const address = { lines: ['1 High Street', 'Cardiff'], postcode: 'CF10 1AA' };

export function confirmed(contact?: PatientContact, extra: Partial<ConfirmedBooking> = {}): ConfirmedBooking {
  return {
    bookingId: 'b1',
    organisation: 'A81001',
    serviceType: 'phlebotomy',
    deliveryChannel: 'in-person',
    location: 'Room 3',
    start: '2030-06-10T08:30:00Z',
    end: '2030-06-10T08:45:00Z',
    patient: { nhsNumber: '9434765919', name: 'Pat Jones', ...(contact ? { contact } : {}) },
    description: 'Blood test',
    bookedBy: { organisation: 'A81001', organisationType: 'gp-practice', federations: [] },
    ...extra,
  };
}

export const carer = (contact: Supporter['contact'] = { phone: '07700900999' }): Supporter => ({ name: 'Sam Jones', role: 'carer', relationship: 'son', contact });

export const confirm = (booking: ConfirmedBooking, at = now): NoteBookingConfirmed => ({ type: 'NoteBookingConfirmed', cause: 'evt-confirmed', now: at, settings, booking });

/** The events the decider records for a confirmation: the history later specs start from. */
export const historyOf = (booking: ConfirmedBooking, at = now): NotificationEvent[] =>
  notificationDecider.decide(confirm(booking, at), notificationDecider.initialState);

export const appointmentOf = confirmedAppointment;

export const ofType = <T extends NotificationEvent['type']>(events: NotificationEvent[], type: T) =>
  events.filter((event): event is Extract<NotificationEvent, { type: T }> => event.type === type);
