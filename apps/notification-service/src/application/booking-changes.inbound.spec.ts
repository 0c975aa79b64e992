import type { BookingAmendedV1, BookingConfirmedV1 } from '@app/contracts';
import { amendmentOf, cancellationOf, confirmedBookingOf, placeOf } from './booking-changes.inbound';

const booking: BookingConfirmedV1 = {
  bookingId: 'b1',
  reservationId: 'r1',
  slotId: 's1',
  organisation: 'A81001',
  organisationName: 'Riverside Surgery',
  federations: ['F1'],
  practitionerRole: 'Phlebotomist',
  location: 'Room 3',
  serviceType: 'phlebotomy',
  deliveryChannel: 'in-person',
  start: '2030-06-10T08:30:00Z',
  end: '2030-06-10T08:45:00Z',
  patient: { nhsNumber: '9434765919', name: 'Pat Jones', contact: { phone: '07700900123', language: 'cy' } },
  supporter: { name: 'Sam Jones', role: 'carer', contact: { email: 'sam@example.com' } },
  description: 'Blood test',
  comment: 'Fasting',
  reasonableAdjustments: ['step-free access'],
  bookedBy: { organisation: 'A81001', organisationType: 'gp-practice', federations: [] },
  supersedes: 'b0',
};

describe('booking.events.v1 into what the notification domain reads', () => {
  it('takes of a confirmation the place, the patient, the supporter and the details; not the reservation or practitioner', () => {
    const { reservationId: _r, slotId: _s, practitionerRole: _p, ...read } = booking;
    expect(confirmedBookingOf(booking)).toEqual(read);
  });

  it('takes of a move only the new place', () => {
    const moved = { ...booking, start: '2030-06-12T13:00:00Z', end: '2030-06-12T13:15:00Z', previous: { ...booking, reservationId: 'r1' } };
    expect(placeOf(moved)).toEqual({
      start: moved.start,
      end: moved.end,
      serviceType: 'phlebotomy',
      deliveryChannel: 'in-person',
      organisation: 'A81001',
      organisationName: 'Riverside Surgery',
      location: 'Room 3',
      federations: ['F1'],
    });
  });

  it('keeps an amendment without `changed` (published before it existed) without it', () => {
    const old = { bookingId: 'b1', description: 'Fasting' } as BookingAmendedV1;
    expect(amendmentOf(old)).toEqual({ description: 'Fasting' });
    expect(amendmentOf({ ...old, supporter: booking.supporter, changed: ['supporter'] })).toEqual({ description: 'Fasting', supporter: booking.supporter, changed: ['supporter'] });
  });

  it('takes of a cancellation the reason and what replaced it', () =>
    expect(cancellationOf({ bookingId: 'b1', slotId: 's1', reason: 'superseded', supersededBy: 'b2' })).toEqual({ reason: 'superseded', supersededBy: 'b2' }));
});
