import type { Collection, DocumentStore } from '@app/readmodel';
import { SlotService, slotInput, startSlotServiceInTempDir } from '../testing/slot-service-harness';

const admin = { org: 'A81001', role: 'provider-admin' as const, federations: ['F1', 'F2'] };

describe('POST /slots (real SQLite, over HTTP)', () => {
  let service: SlotService;

  beforeAll(async () => (service = await startSlotServiceInTempDir('slot-publish-')));
  afterAll(() => service.close());

  const slotStreams = async () => (await service.store.readAll({ limit: 10_000 })).filter((e) => e.type === 'SlotPublished').length;

  it('publishes every field, records the publisher’s federations, and shows capacity left', async () => {
    const input = slotInput('A81001', {
      location: 'Room 3, Riverside Surgery',
      practitionerRole: 'Practice nurse',
      capacity: 4,
      bookableBy: { federations: ['F1'], organisationTypes: ['urgent-care'] },
      visibleFrom: '2029-12-01T08:00:00+01:00',
      start: '2030-01-07T09:00:00+00:00',
    });
    const response = await service.request(admin, 'POST', '/slots', { slots: [input] });
    expect(response.statusCode).toBe(201);
    const [slot] = response.json().items;
    expect(slot).toEqual({
      id: expect.any(String),
      organisation: 'A81001',
      federations: ['F1', 'F2'],
      location: 'Room 3, Riverside Surgery',
      practitionerRole: 'Practice nurse',
      serviceType: 'phlebotomy',
      deliveryChannel: 'in-person',
      start: '2030-01-07T09:00:00.000Z',
      end: '2030-01-07T09:10:00.000Z',
      capacity: 4,
      bookableBy: { federations: ['F1'], organisationTypes: ['urgent-care'] },
      visibleFrom: '2029-12-01T07:00:00.000Z',
      booked: 0,
      held: 0,
      remaining: 4,
      status: 'free',
    });
    expect(response.headers.location).toBe(`/slots/${slot.id}`);
    expect((await service.request(admin, 'GET', `/slots/${slot.id}`)).json()).toEqual(slot);
  });

  it('keeps the host’s name, trimmed, and shows it on the slot and in search results', async () => {
    const response = await service.request(admin, 'POST', '/slots', { slots: [slotInput('A81001', { organisationName: '  Riverside Surgery ', start: '2030-01-09T09:00:00Z', end: '2030-01-09T09:10:00Z' })] });
    expect(response.statusCode).toBe(201);
    const [slot] = response.json().items;
    expect(slot.organisationName).toBe('Riverside Surgery');
    expect((await service.request(admin, 'GET', `/slots/${slot.id}`)).json().organisationName).toBe('Riverside Surgery');
    const found = (await service.request(admin, 'GET', '/slots?start=2030-01-09T00:00:00Z&end=2030-01-10T00:00:00Z')).json().items;
    expect(found).toContainEqual(expect.objectContaining({ id: slot.id, organisationName: 'Riverside Surgery' }));
  });

  it('refuses a blank organisation name or one over 200 characters, naming the slot and field', async () => {
    const response = await service.request(admin, 'POST', '/slots', {
      slots: [slotInput('A81001', { organisationName: '   ' }), slotInput('A81001', { organisationName: 'x'.repeat(201) }), slotInput('A81001', { organisationName: 7 })],
    });
    expect(response.statusCode).toBe(400);
    expect([...new Set(response.json().errors.map((e: { field: string }) => e.field))]).toEqual([
      'slots[0].organisationName',
      'slots[1].organisationName',
      'slots[2].organisationName',
    ]);
  });

  it('capacity is 1 when left out', async () => {
    const response = await service.request(admin, 'POST', '/slots', { slots: [slotInput('A81001')] });
    expect(response.json().items[0]).toMatchObject({ capacity: 1, remaining: 1 });
  });

  it('refuses the whole batch when one slot breaks a domain rule, naming it, and publishes none', async () => {
    const before = await slotStreams();
    const response = await service.request(admin, 'POST', '/slots', {
      slots: [slotInput('A81001'), slotInput('A81001'), slotInput('A81001', { end: '2030-01-08T09:00:01Z' })],
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([{ field: 'slots[2].end', message: 'a slot lasts at most 24 hours' }]);
    expect(await slotStreams()).toBe(before);
  });

  it('refuses the whole batch when one slot breaks an input rule, naming it', async () => {
    const before = await slotStreams();
    const response = await service.request(admin, 'POST', '/slots', {
      slots: [slotInput('A81001'), slotInput('A81001', { practitionerRole: 'x'.repeat(201), capacity: 1001 })],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['slots[1].capacity', 'slots[1].practitionerRole']);
    expect(await slotStreams()).toBe(before);
  });

  it('refuses a time without an offset, and a slot that ends before it starts, naming the field', async () => {
    const response = await service.request(admin, 'POST', '/slots', {
      slots: [slotInput('A81001', { end: '2030-01-07T08:00:00Z' }), slotInput('A81001', { visibleFrom: '2029-12-01T08:00:00' })],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['slots[1].visibleFrom']);
    const domain = await service.request(admin, 'POST', '/slots', { slots: [slotInput('A81001', { end: '2030-01-07T08:00:00Z' })] });
    expect(domain.json().errors).toEqual([{ field: 'slots[0].end', message: 'a slot must end after it starts' }]);
  });

  it.each([
    ['booker', 'A81001'],
    ['clinician', 'A81001'],
    ['auditor', 'A81001'],
  ] as const)('refuses a %s (403)', async (role, org) => {
    const response = await service.request({ org, role }, 'POST', '/slots', { slots: [slotInput(org)] });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('publish_not_allowed');
  });

  it('refuses a provider-admin publishing for another organisation, naming the slot', async () => {
    const response = await service.request(admin, 'POST', '/slots', { slots: [slotInput('A81001'), slotInput('B82002')] });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'not_own_organisation', detail: expect.stringContaining('slots[1].organisation') });
  });

  it('lets a system actor publish for any organisation', async () => {
    const response = await service.request({ org: 'PLATFORM', role: 'system' }, 'POST', '/slots', { slots: [slotInput('B82002')] });
    expect(response.statusCode).toBe(201);
    expect(response.json().items[0].organisation).toBe('B82002');
  });

  it('a repeat with the same Idempotency-Key publishes nothing new; another batch under it is refused', async () => {
    const headers = { 'idempotency-key': 'batch-7' };
    const first = await service.request(admin, 'POST', '/slots', { slots: [slotInput('A81001'), slotInput('A81001')] }, headers);
    const before = await slotStreams();
    const again = await service.request(admin, 'POST', '/slots', { slots: [slotInput('A81001'), slotInput('A81001')] }, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().items.map((s: { id: string }) => s.id)).toEqual(first.json().items.map((s: { id: string }) => s.id));
    const other = await service.request(admin, 'POST', '/slots', { slots: [slotInput('A81001'), slotInput('A81001', { capacity: 3 })] }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused', detail: expect.stringContaining('slots[1]') });
    expect(await slotStreams()).toBe(before);
  });

  it('a repeat means the same batch whatever the order of its fields, its lists, or the token’s federations', async () => {
    const headers = { 'idempotency-key': 'batch-8' };
    const slot = { ...slotInput('A81001'), bookableBy: { organisations: ['Y00001', 'Y00002'], federations: ['F1', 'F3'] } };
    const first = await service.request(admin, 'POST', '/slots', { slots: [slot] }, headers);
    const reordered = {
      bookableBy: { federations: ['F3', 'F1'], organisations: ['Y00002', 'Y00001'] },
      end: slot.end,
      start: slot.start,
      deliveryChannel: slot.deliveryChannel,
      serviceType: slot.serviceType,
      organisation: slot.organisation,
    };
    const again = await service.request({ ...admin, federations: ['F2', 'F1'] }, 'POST', '/slots', { slots: [reordered] }, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().items[0].id).toBe(first.json().items[0].id);
  });
});

/** A document store whose `slots` collection takes `delayMs` for every write: a read model lagging behind. */
const lagging = (documents: DocumentStore, delayMs: number): DocumentStore => ({
  close: () => documents.close(),
  collection: <T extends { id: string }>(name: string, indexes?: string[][]): Collection<T> => {
    const collection = documents.collection<T>(name, indexes);
    if (name !== 'slots') return collection;
    return {
      get: (id) => collection.get(id),
      find: (filter, options) => collection.find(filter, options),
      delete: (id) => collection.delete(id),
      deleteIfNewer: (id, position) => collection.deleteIfNewer(id, position),
      put: (doc) => collection.put(doc),
      putIfNewer: async (doc, position) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return collection.putIfNewer(doc, position);
      },
    };
  },
});

describe('POST /slots and DELETE /slots/:id while the read model lags', () => {
  let service: SlotService;

  beforeAll(async () => {
    service = await startSlotServiceInTempDir('slot-lag-', { readModelWaitMs: 50 }, (infra) => ({ ...infra, documents: lagging(infra.documents, 300) }));
  });
  afterAll(() => service.close());

  it('answers 202 with the ids (and a Location for one slot) instead of an error; the slots appear later', async () => {
    const response = await service.request(admin, 'POST', '/slots', { slots: [slotInput('A81001')] });
    expect(response.statusCode).toBe(202);
    const [{ id }] = response.json().items;
    expect(response.headers.location).toBe(`/slots/${id}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await service.request(admin, 'GET', `/slots/${id}`)).json()).toMatchObject({ id, status: 'free' });

    const withdrawn = await service.request(admin, 'DELETE', `/slots/${id}`);
    expect(withdrawn.statusCode).toBe(202);
    expect(withdrawn.headers.location).toBe(`/slots/${id}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await service.request(admin, 'GET', `/slots/${id}`)).json()).toMatchObject({ id, status: 'withdrawn' });
  });
});
