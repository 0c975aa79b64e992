import type { Actor } from '@app/contracts';
import { BookingParties, bookingPermissions } from './rules';

const actor = (organisation: string, role = 'booker', organisationType = 'gp-practice', federations: string[] = []): Actor => ({
  organisation,
  organisationType,
  user: `${organisation}-${role}`,
  role,
  federations,
});
/** Booked by practice P1 (federation FB) at host H1 (federation FH). */
const booking: BookingParties = { bookedBy: { organisation: 'P1', federations: ['FB'] }, organisation: 'H1', hostFederations: ['FH'] };
const allowed = (who: Actor, parties: BookingParties = booking) => {
  const p = bookingPermissions(who, parties);
  return (['read', 'change', 'rebook', 'attendance'] as const).filter((action) => p[action]);
};

describe('booking access', () => {
  it.each([
    ['the booking organisation', actor('P1'), ['read', 'change', 'rebook']],
    ['the hosting organisation', actor('H1'), ['read', 'change', 'rebook']],
    ['an organisation sharing the booker’s federation', actor('X', 'booker', 'gp-practice', ['FB']), ['read', 'change', 'rebook']],
    ['an organisation sharing the host’s federation', actor('X', 'booker', 'gp-practice', ['FH']), ['read', 'change', 'rebook']],
    ['an unrelated organisation', actor('X', 'booker', 'gp-practice', ['F9']), []],
    ['an urgent-care service', actor('U111', 'booker', 'urgent-care'), ['read', 'rebook']],
    ['an auditor', actor('AUD', 'auditor', 'auditor'), ['read']],
    ['an auditor of the booking organisation', actor('P1', 'auditor'), ['read']],
    ['a system actor', actor('platform', 'system', 'system'), ['read', 'change', 'rebook']],
    ['a clinician of the host', actor('H1', 'clinician'), ['read', 'change', 'rebook', 'attendance']],
    ['a provider admin of the host', actor('H1', 'provider-admin'), ['read', 'change', 'rebook', 'attendance']],
    ['a clinician of the booking organisation', actor('P1', 'clinician'), ['read', 'change', 'rebook']],
    ['a clinician sharing the host’s federation', actor('X', 'clinician', 'gp-practice', ['FH']), ['read', 'change', 'rebook']],
  ])('%s may %j', (_who, who, actions) => expect(allowed(who)).toEqual(actions));

  it('before a host is known, only the booker’s side counts', () => {
    const pending: BookingParties = { bookedBy: { organisation: 'P1', federations: ['FB'] } };
    expect(allowed(actor('H1'), pending)).toEqual([]);
    expect(allowed(actor('H1', 'clinician'), pending)).toEqual([]);
    expect(allowed(actor('X', 'booker', 'gp-practice', ['FB']), pending)).toEqual(['read', 'change', 'rebook']);
  });

  it('marks reads that only the urgent-care rule allows, so they can be logged', () => {
    expect(bookingPermissions(actor('U111', 'booker', 'urgent-care'), booking).throughUrgentCare).toBe(true);
    expect(bookingPermissions(actor('P1', 'booker', 'urgent-care'), booking).throughUrgentCare).toBe(false);
    expect(bookingPermissions(actor('P1'), booking).throughUrgentCare).toBe(false);
  });
});
