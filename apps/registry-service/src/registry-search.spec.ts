import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { BookingEventTypes } from '@app/contracts';
import { bookingEntryId } from './application/registry-streams';
import type { PatientSearch } from './domain/patient-search';
import { confirm, confirmedBooking, eventually, registryServiceForSuite } from './testing/registry-service.harness';

const patient = '9434765919';
const searchUrl = (nhsNumber: string, query = '') => `/registry/patients/${nhsNumber}/appointments${query}`;
const ids = (answer: { body: { items: { id: string }[] } }) => answer.body.items.map((item) => item.id);

describe('patient search', () => {
  // A day's grace: the entry that is over stays booked (not expired) for the length of the suite.
  const service = registryServiceForSuite({ expiryGraceMs: 24 * 3600_000 });
  const auditor = () => service.as('CQC', 'auditor', { orgType: 'regulator' });
  const entries: Record<string, string> = {};

  beforeAll(async () => {
    // In start order: one already over (but not yet expired), two to come, one cancelled, one for another patient.
    const bookings = {
      past: confirmedBooking(patient, -120),
      soon: confirmedBooking(patient, 60),
      later: confirmedBooking(patient, 3 * 24 * 60),
      cancelled: confirmedBooking(patient, 2 * 24 * 60),
      other: confirmedBooking('4010232137', 60),
    };
    for (const [name, booking] of Object.entries(bookings)) {
      await confirm(service, booking);
      entries[name] = bookingEntryId(booking.bookingId);
    }
    await service.publishBooking(BookingEventTypes.cancelled, { bookingId: bookings.cancelled.bookingId, slotId: 's', reason: 'patient request' });
  });

  it('by default: the patient’s booked entries that have not ended, soonest first', async () => {
    const answer = await (await service.as('U111', 'booker', { orgType: 'urgent-care' })).get(searchUrl(patient));
    expect(answer.status).toBe(200);
    expect(ids(answer)).toEqual([entries.soon, entries.later]);
    expect(answer.body.items[0]).toMatchObject({ nhsNumber: patient, status: 'booked', source: 'booking', organisation: 'A81001' });
  });

  it('filters by status (one or a list) and by start (from inclusive, to exclusive)', async () => {
    const api = await service.as('A81001', 'clinician');
    expect(ids(await api.get(searchUrl(patient, '?status=cancelled')))).toEqual([entries.cancelled]);
    expect(ids(await api.get(searchUrl(patient, '?status=booked')))).toEqual([entries.past, entries.soon, entries.later]);
    expect(ids(await api.get(searchUrl(patient, '?status=booked,cancelled')))).toEqual([entries.past, entries.soon, entries.cancelled, entries.later]);
    const from = new Date(Date.now() + 30 * 60_000).toISOString();
    const to = new Date(Date.now() + 2.5 * 24 * 3600_000).toISOString();
    expect(ids(await api.get(searchUrl(patient, `?status=booked,cancelled&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)))).toEqual([
      entries.soon,
      entries.cancelled,
    ]);
  });

  it('answers 400 naming the field for an invalid NHS number, status or instant', async () => {
    const api = await service.as('A81001', 'booker');
    expect((await api.get(searchUrl('1234567890'))).body.errors.map((e: { field: string }) => e.field)).toEqual(['nhsNumber']);
    const bad = await api.get(searchUrl(patient, '?status=gone&from=yesterday'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['status', 'from']);
  });

  it('is for auditors and the staff and systems of care organisations: others 403', async () => {
    expect((await (await auditor()).get(searchUrl(patient))).status).toBe(200);
    expect((await (await service.as('PH1', 'provider-admin', { orgType: 'pharmacy' })).get(searchUrl(patient))).status).toBe(200);
    const council = await (await service.as('LA001', 'booker', { orgType: 'local-authority' })).get(searchUrl(patient));
    expect(council.status).toBe(403);
    expect(council.body.code).toBe('registry_not_readable');
  });

  describe('access log', () => {
    /** The newest `count` searches of the access log, oldest first, once they are all listed. */
    const lastSearches = async (count: number, after: string) => {
      const api = await auditor();
      const answer = await eventually(
        () => api.get(`/registry/access-log?limit=${count}`),
        (page) => page.body.items.length === count && page.body.items.every((item: { at: string }) => item.at >= after),
      );
      return [...answer.body.items].reverse();
    };

    it('records every search with who, why and the outcome: found, refused, invalid (through the access audit)', async () => {
      const since = new Date().toISOString();
      await (await service.as('U111', 'booker', { orgType: 'urgent-care' })).get(searchUrl(patient), { 'x-request-purpose': 'urgent-care-reassessment' });
      await (await service.as('LA009', 'booker', { orgType: 'local-authority' })).get(searchUrl(patient));
      await (await service.as('A81001', 'booker', { reasonForRequest: 'safeguarding' })).get(searchUrl('12345'));
      expect(await lastSearches(3, since)).toEqual([
        {
          id: expect.any(String),
          nhsNumber: patient,
          searcher: { organisation: 'U111', organisationType: 'urgent-care', user: 'U111-booker', role: 'booker' },
          purpose: 'urgent-care-reassessment',
          outcome: { kind: 'found', count: 2 },
          at: expect.any(String),
        },
        expect.objectContaining({ searcher: expect.objectContaining({ organisation: 'LA009' }), purpose: 'direct-care', outcome: { kind: 'refused', status: 403 } }),
        expect.objectContaining({ nhsNumber: '12345', purpose: 'safeguarding', outcome: { kind: 'invalid', status: 400 } }),
      ]);
      // Searches are no longer events of the registry: the access audit holds them.
      expect((await service.storedEvents()).filter((event) => event.type === 'RegistryPatientSearched')).toEqual([]);
    });

    it('the header’s purpose wins over the token’s; a purpose longer than 100 characters is invalid', async () => {
      const since = new Date().toISOString();
      const api = await service.as('A81001', 'booker', { reasonForRequest: 'safeguarding' });
      await api.get(searchUrl(patient), { 'x-request-purpose': 'care-coordination' });
      const tooLong = await api.get(searchUrl(patient), { 'x-request-purpose': 'x'.repeat(101) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors[0].field).toBe('X-Request-Purpose');
      const [found, invalid] = await lastSearches(2, since);
      expect(found).toMatchObject({ purpose: 'care-coordination', outcome: { kind: 'found' } });
      expect(invalid).toMatchObject({ purpose: 'x'.repeat(100), outcome: { kind: 'invalid', status: 400 } });
    });

    it('still lists the searches release 0.1 recorded in the registry’s store, in time order with the new ones', async () => {
      const search: PatientSearch = {
        nhsNumber: patient,
        searcher: { organisation: 'OLD1', organisationType: 'gp-practice', user: 'OLD1-booker', role: 'booker' },
        purpose: 'direct-care',
        outcome: { kind: 'found', count: 1 },
        at: '2020-01-01T09:00:00.000Z',
      };
      const id = randomUUID();
      const actor = { ...search.searcher, federations: [] };
      await service.registry.runtime.infra.store.append(
        `registry-access-${randomUUID()}`,
        [{ id, type: 'RegistryPatientSearched', version: 1, data: search, correlationId: id, causationId: id, actor, occurredAt: search.at }],
        'no_stream',
      );
      const api = await auditor();
      const ofOld = await eventually(() => api.get('/registry/access-log?organisation=OLD1'), (answer) => answer.body.items.length === 1);
      expect(ofOld.body.items).toEqual([{ id, ...search }]);
      const all = await api.get('/registry/access-log?limit=500');
      expect(all.body.items.length).toBeGreaterThan(1);
      expect(all.body.items[all.body.items.length - 1]).toEqual({ id, ...search });
    });

    it('is listed for auditors only, newest first, filtered and paged', async () => {
      expect((await (await service.as('A81001', 'provider-admin')).get('/registry/access-log')).status).toBe(403);
      const api = await auditor();
      const all = await api.get('/registry/access-log?limit=500');
      expect(all.status).toBe(200);
      const times = all.body.items.map((item: { at: string }) => item.at);
      expect(times).toEqual([...times].sort().reverse());
      expect(all.body.items[0]).toEqual({ id: expect.any(String), nhsNumber: expect.any(String), searcher: expect.any(Object), purpose: expect.any(String), outcome: expect.any(Object), at: expect.any(String) });

      const ofU111 = await api.get(`/registry/access-log?organisation=U111&nhsNumber=${patient}`);
      expect(ofU111.body.items.length).toBeGreaterThanOrEqual(2);
      expect(ofU111.body.items.every((item: { searcher: { organisation: string }; nhsNumber: string }) => item.searcher.organisation === 'U111' && item.nhsNumber === patient)).toBe(true);

      const pages: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get(`/registry/access-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        pages.push(...page.body.items.map((item: { id: string }) => item.id));
        cursor = page.body.next;
      } while (cursor);
      expect(pages).toEqual(all.body.items.map((item: { id: string }) => item.id));

      const future = new Date(Date.now() + 60_000).toISOString();
      expect((await api.get(`/registry/access-log?from=${encodeURIComponent(future)}`)).body).toEqual({ items: [] });
      expect((await api.get('/registry/access-log?cursor=nonsense')).status).toBe(400);
    });
  });

  it('the stdout access line of every registry route shows no NHS number', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'log').mockImplementation(function (this: Logger, message: unknown) {
      lines.push(String(message));
    });
    try {
      const api = await auditor();
      await api.get(searchUrl(patient, '?status=booked'));
      await api.get(`/registry/access-log?nhsNumber=${patient}`);
      await api.get('/registry/changes?limit=5');
      await api.get(`/registry/entries/${entries.soon}`);
      const admin = await service.as('RX1', 'provider-admin', { orgType: 'acute-trust' });
      const created = await admin.post('/registry/entries', {
        appointmentId: patient, // an appointment id that happens to look like an NHS number
        appointmentUrl: `https://pas.example/${patient}`,
        nhsNumber: patient,
        organisation: 'RX1',
        serviceType: 'x',
        start: '2030-01-01T09:00:00Z',
        end: '2030-01-01T09:30:00Z',
      });
      expect(created.status).toBe(201);
    } finally {
      spy.mockRestore();
    }
    const access = lines.filter((line) => line.includes('"path"'));
    expect(access).toHaveLength(5);
    expect(access.join('\n')).not.toContain(patient);
    // The search and the access-log query name the patient; an entry id (random) may by chance hold ten digits too.
    expect(access.slice(0, 2).every((line) => line.includes('[nhs-number]'))).toBe(true);
  });
});
