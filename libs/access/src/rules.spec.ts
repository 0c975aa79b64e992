import type { Actor } from '@app/contracts';
import { BookingParties, bookingPermissions, mayFollowRegistryChanges, mayKeepRegistryEntries, mayReadRegistry } from './rules';

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

describe('registry access', () => {
  it.each([
    ['an auditor of any organisation', actor('AUD', 'auditor', 'regulator'), true],
    ['a booker of a GP practice', actor('P1', 'booker', 'gp-practice'), true],
    ['a clinician of an urgent-care service', actor('U111', 'clinician', 'urgent-care'), true],
    ['a provider admin of a pharmacy', actor('PH1', 'provider-admin', 'pharmacy'), true],
    ['a system of the platform', actor('platform', 'system', 'system'), true],
    ['a booker of a council (not a care organisation)', actor('C1', 'booker', 'local-authority'), false],
    ['a system of an insurer', actor('I1', 'system', 'insurer'), false],
  ])('%s may read the registry: %s', (_who, who, expected) => expect(mayReadRegistry(who)).toBe(expected));

  it('the change feed is for systems of care organisations and auditors', () => {
    expect(mayFollowRegistryChanges(actor('platform', 'system', 'system'))).toBe(true);
    expect(mayFollowRegistryChanges(actor('H1', 'system', 'acute-trust'))).toBe(true);
    expect(mayFollowRegistryChanges(actor('AUD', 'auditor', 'regulator'))).toBe(true);
    expect(mayFollowRegistryChanges(actor('H1', 'provider-admin', 'acute-trust'))).toBe(false);
    expect(mayFollowRegistryChanges(actor('I1', 'system', 'insurer'))).toBe(false);
  });

  it('entries are kept by the admins and systems of their own organisation', () => {
    expect(mayKeepRegistryEntries(actor('H1', 'provider-admin', 'acute-trust'), 'H1')).toBe(true);
    expect(mayKeepRegistryEntries(actor('H1', 'system', 'acute-trust'), 'H1')).toBe(true);
    expect(mayKeepRegistryEntries(actor('H2', 'provider-admin', 'acute-trust'), 'H1')).toBe(false);
    expect(mayKeepRegistryEntries(actor('H1', 'clinician', 'acute-trust'), 'H1')).toBe(false);
  });
});
