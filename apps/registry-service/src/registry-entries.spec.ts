import { BookingEventTypes } from '@app/contracts';
import { bookingEntryId, externalEntryId } from './application/registry-streams';
import { confirm, confirmedBooking, registryServiceForSuite } from './testing/registry-service.harness';

const body = (appointmentId: string, extra: Record<string, unknown> = {}) => ({
  appointmentId,
  appointmentUrl: `https://pas.trust.example/appointments/${appointmentId}`,
  nhsNumber: '9434765919',
  organisation: 'RX1',
  serviceType: 'outpatient-cardiology',
  start: '2030-03-01T10:00:00+01:00',
  end: '2030-03-01T10:30:00+01:00',
  ...extra,
});

describe('external registry entries', () => {
  const service = registryServiceForSuite();
  const admin = () => service.as('RX1', 'provider-admin', { orgType: 'acute-trust' });

  it('records a provider’s appointment: 201, ETag "1", Location; times as UTC instants', async () => {
    const answer = await (await admin()).post('/registry/entries', body('ext-1', { supersedes: 'an-older-entry' }));
    const id = externalEntryId('RX1', 'ext-1');
    expect(answer.status).toBe(201);
    expect(answer.headers.etag).toBe('"1"');
    expect(answer.headers.location).toBe(`/registry/entries/${id}`);
    expect(answer.body).toMatchObject({
      id,
      appointmentId: 'ext-1',
      appointmentUrl: 'https://pas.trust.example/appointments/ext-1',
      organisation: 'RX1',
      start: '2030-03-01T09:00:00.000Z',
      end: '2030-03-01T09:30:00.000Z',
      status: 'booked',
      source: 'external',
      supersedes: 'an-older-entry',
      version: 1,
    });
    const read = await (await service.as('A81001', 'booker')).get(`/registry/entries/${id}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(answer.body);
  });

  it('the same request again answers the same entry (200); other details for the appointment are 409 entry_exists', async () => {
    const api = await admin();
    const first = await api.post('/registry/entries', body('ext-2'));
    const again = await api.post('/registry/entries', body('ext-2'));
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe('"1"');
    const other = await api.post('/registry/entries', body('ext-2', { start: '2030-03-02T10:00:00+01:00', end: '2030-03-02T10:30:00+01:00' }));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('entry_exists');
  });

  it('only the organisation’s own admins and systems record its entries (403)', async () => {
    const otherOrganisation = await service.as('RX2', 'provider-admin', { orgType: 'acute-trust' });
    expect((await otherOrganisation.post('/registry/entries', body('ext-3'))).status).toBe(403);
    const clinician = await service.as('RX1', 'clinician', { orgType: 'acute-trust' });
    expect((await clinician.post('/registry/entries', body('ext-3'))).status).toBe(403);
    const system = await service.as('RX1', 'system', { orgType: 'acute-trust' });
    expect((await system.post('/registry/entries', body('ext-3'))).status).toBe(201);
  });

  it('refuses invalid input naming each field', async () => {
    const answer = await (await admin()).post('/registry/entries', {
      ...body('ext-4', { appointmentUrl: 'http://pas.trust.example/x', nhsNumber: '1234567890', start: '2030-03-01T10:00:00', end: '2030-03-01T09:00:00Z' }),
      extra: 1,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['appointmentUrl', 'extra', 'nhsNumber', 'start']);
    const backwards = await (await admin()).post('/registry/entries', body('ext-4', { end: '2030-03-01T09:00:00+01:00' }));
    expect(backwards.body.errors).toEqual([{ field: 'end', message: 'end must be after start' }]);
  });

  describe('cancel and entered in error', () => {
    it('needs If-Match: 428 without, 412 stale, 200 with the current version', async () => {
      const api = await admin();
      const { body: entry } = await api.post('/registry/entries', body('ext-5'));
      const url = `/registry/entries/${entry.id}/cancel`;
      const missing = await api.post(url, { reason: 'patient called' });
      expect(missing.status).toBe(428);
      expect(missing.body.code).toBe('precondition_required');
      expect((await api.post(url, { reason: 'patient called' }, { 'if-match': '"2"' })).body.code).toBe('stale_version');
      const cancelled = await api.post(url, { reason: 'patient called' }, { 'if-match': '"1"' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.headers.etag).toBe('"2"');
      expect(cancelled.body).toMatchObject({ status: 'cancelled', version: 2 });
      const stale = await api.post(`/registry/entries/${entry.id}/entered-in-error`, {}, { 'if-match': '"1"' });
      expect(stale.status).toBe(412);
    });

    it('a cancelled entry cannot be cancelled again (409 entry_not_booked) but can be entered in error', async () => {
      const api = await admin();
      const { body: entry } = await api.post('/registry/entries', body('ext-6'));
      await api.post(`/registry/entries/${entry.id}/cancel`, {}, { 'if-match': '"1"' });
      const again = await api.post(`/registry/entries/${entry.id}/cancel`, {}, { 'if-match': '"2"' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('entry_not_booked');
      const error = await api.post(`/registry/entries/${entry.id}/entered-in-error`, { reason: 'wrong patient' }, { 'if-match': '"2"' });
      expect(error.status).toBe(200);
      expect(error.body).toMatchObject({ status: 'entered-in-error', version: 3 });
    });

    it('another organisation’s reader gets 403, a non-reader 404, an unknown entry 404', async () => {
      const { body: entry } = await (await admin()).post('/registry/entries', body('ext-7'));
      const url = `/registry/entries/${entry.id}/cancel`;
      expect((await (await service.as('A81001', 'provider-admin')).post(url, {}, { 'if-match': '"1"' })).status).toBe(403);
      expect((await (await service.as('RX1', 'booker', { orgType: 'acute-trust' })).post(url, {}, { 'if-match': '"1"' })).status).toBe(403);
      expect((await (await service.as('AUD', 'auditor', { orgType: 'regulator' })).post(url, {}, { 'if-match': '"1"' })).status).toBe(403);
      const outsider = await service.as('LA001', 'provider-admin', { orgType: 'local-authority' });
      expect((await outsider.post(url, {}, { 'if-match': '"1"' })).status).toBe(404);
      expect((await outsider.get(`/registry/entries/${entry.id}`)).status).toBe(404);
      expect((await (await admin()).post('/registry/entries/no-such-entry/cancel', {}, { 'if-match': '"1"' })).status).toBe(404);
      expect((await (await admin()).get(`/registry/entries/${entry.id}`)).body.status).toBe('booked');
    });

    it('a booking’s entry changes only through its booking: 409 entry_managed_by_booking', async () => {
      const booking = confirmedBooking('9434765919', 60, { organisation: 'RX1' });
      await confirm(service, booking);
      const id = bookingEntryId(booking.bookingId);
      for (const action of ['cancel', 'entered-in-error']) {
        const answer = await (await admin()).post(`/registry/entries/${id}/${action}`, {}, { 'if-match': '"1"' });
        expect(answer.status).toBe(409);
        expect(answer.body.code).toBe('entry_managed_by_booking');
      }
      await service.publishBooking(BookingEventTypes.cancelled, { bookingId: booking.bookingId, slotId: booking.slotId, reason: 'patient request' });
      expect((await (await admin()).get(`/registry/entries/${id}`)).body.status).toBe('cancelled');
    });
  });
});
