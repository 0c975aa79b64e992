import { SlotService, slotInput, startSlotServiceInTempDir, window2030 } from '../testing/slot-service-harness';

const owner = { org: 'A81001', role: 'provider-admin' as const, federations: ['F1'] };
const ownerBooker = { org: 'A81001' };
const member = { org: 'Y00001', orgType: 'gp-hub', federations: ['F1'] };
const outsider = { org: 'B99999', federations: ['F9'] };

type Item = { id: string; start: string; organisation: string };

describe('GET /slots and GET /slots/:id (real SQLite, over HTTP)', () => {
  let service: SlotService;

  beforeAll(async () => (service = await startSlotServiceInTempDir('slot-search-')));
  afterAll(() => service.close());

  const publish = async (caller: { org: string; role: 'provider-admin' | 'system'; federations?: string[] }, slots: unknown[]) => {
    const response = await service.request(caller, 'POST', '/slots', { slots });
    expect(response.statusCode).toBe(201);
    return response.json().items as Item[];
  };
  const search = async (caller: object, query: string) => {
    const response = await service.request(caller as never, 'GET', `/slots?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as { items: Item[]; next?: string };
  };

  it('pages through matches by start then id with an opaque cursor, `next` only while more remain', async () => {
    const hh = (hour: number) => String(hour).padStart(2, '0');
    const at = (day: number, hour: number) => ({ start: `2030-02-0${day}T${hh(hour)}:00:00Z`, end: `2030-02-0${day}T${hh(hour)}:10:00Z` });
    const published = await publish(owner, [
      slotInput('A81001', { ...at(3, 10), serviceType: 'paging' }),
      slotInput('A81001', { ...at(1, 9), serviceType: 'paging' }),
      slotInput('A81001', { ...at(2, 9), serviceType: 'paging' }),
      slotInput('A81001', { ...at(1, 9), serviceType: 'paging' }),
      slotInput('A81001', { ...at(4, 11), serviceType: 'paging' }),
      slotInput('A81001', { ...at(2, 15), serviceType: 'paging' }),
      slotInput('A81001', { ...at(3, 8), serviceType: 'paging' }),
    ]);
    const expected = [...published].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id)).map((s) => s.id);
    const query = 'serviceType=paging&start=2030-02-01T00:00:00Z&end=2030-02-10T00:00:00Z&limit=3';

    const pages: { items: Item[]; next?: string }[] = [await search(ownerBooker, query)];
    while (pages[pages.length - 1].next) pages.push(await search(ownerBooker, `${query}&cursor=${encodeURIComponent(pages[pages.length - 1].next!)}`));

    expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((page) => page.items.map((s) => s.id))).toEqual(expected);
    expect(pages[2].next).toBeUndefined();
    // Exactly one page: no `next`.
    expect((await search(ownerBooker, query.replace('limit=3', 'limit=7'))).next).toBeUndefined();
    expect((await search(ownerBooker, query.replace('limit=3', 'limit=6'))).next).toBeDefined();
  });

  it('defaults to 100 a page and refuses a limit above 500, a foreign cursor, and a window over 14 days, naming the field', async () => {
    const field = async (query: string) => {
      const response = await service.request(ownerBooker, 'GET', `/slots?${query}`);
      expect(response.statusCode).toBe(400);
      return response.json().errors.map((e: { field: string }) => e.field);
    };
    expect(await field('limit=501')).toEqual(['limit']);
    expect(await field(`${window2030}&cursor=not-a-cursor`)).toEqual(['cursor']);
    expect(await field('start=2030-01-01T00:00:00Z&end=2030-01-15T00:00:00.001Z')).toEqual(['end']);
    expect(await field('organisation=A81001,not an ods code')).toEqual(['organisation']);
    expect((await service.request(ownerBooker, 'GET', '/slots?start=2030-01-01T00:00:00Z&end=2030-01-15T00:00:00Z')).statusCode).toBe(200);

    await publish(owner, Array.from({ length: 101 }, () => slotInput('A81001', { serviceType: 'many', start: '2030-07-02T09:00:00Z', end: '2030-07-02T09:10:00Z' })));
    const page = await search(ownerBooker, 'serviceType=many&start=2030-07-01T00:00:00Z&end=2030-07-10T00:00:00Z');
    expect(page.items).toHaveLength(100);
    expect(page.next).toBeDefined();
  });

  it('filters by a comma list of organisations, by federation, by service type and channel', async () => {
    const window = 'start=2030-03-01T00:00:00Z&end=2030-03-10T00:00:00Z';
    const march = { start: '2030-03-02T09:00:00Z', end: '2030-03-02T09:10:00Z' };
    const [a] = await publish(owner, [slotInput('A81001', { ...march, bookableBy: { federations: ['F1'] } })]);
    const [b] = await publish({ org: 'B82002', role: 'provider-admin' }, [slotInput('B82002', { ...march, deliveryChannel: 'video' })]);
    const [c] = await publish({ org: 'C83003', role: 'provider-admin' }, [slotInput('C83003', { ...march, serviceType: 'flu-vaccination' })]);
    const ids = async (query: string) => (await search(member, `${window}&${query}`)).items.map((s) => s.id).sort();

    expect(await ids('organisation=A81001,B82002')).toEqual([a.id, b.id].sort());
    expect(await ids('organisation=C83003')).toEqual([c.id]);
    expect(await ids('federation=F1')).toEqual([a.id]);
    expect(await ids('serviceType=flu-vaccination')).toEqual([c.id]);
    expect(await ids('deliveryChannel=video')).toEqual([b.id]);
    expect(await ids('organisation=A81001,B82002,C83003&deliveryChannel=in-person&serviceType=phlebotomy')).toEqual([a.id]);
  });

  it('lists only slots the caller may book: bookableBy decides, the owner always sees its own, and GET answers 404 alike', async () => {
    const window = 'start=2030-04-01T00:00:00Z&end=2030-04-10T00:00:00Z&organisation=A81001';
    const [slot] = await publish(owner, [slotInput('A81001', { start: '2030-04-02T09:00:00Z', end: '2030-04-02T09:10:00Z', bookableBy: { federations: ['F1'] } })]);
    expect((await search(member, window)).items.map((s) => s.id)).toEqual([slot.id]);
    expect((await search(ownerBooker, window)).items.map((s) => s.id)).toEqual([slot.id]);
    expect((await search(outsider, window)).items).toEqual([]);
    expect((await service.request(member, 'GET', `/slots/${slot.id}`)).statusCode).toBe(200);
    const hidden = await service.request(outsider, 'GET', `/slots/${slot.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ code: 'slot_not_found', detail: `no slot ${slot.id}` });
    expect((await service.request(outsider, 'GET', '/slots/no-such-slot')).json()).toMatchObject({ status: 404, code: 'slot_not_found' });
  });

  it('keeps an embargoed slot from others until visibleFrom; its owner sees it throughout', async () => {
    const window = 'start=2030-05-01T00:00:00Z&end=2030-05-10T00:00:00Z&organisation=A81001';
    const may = { start: '2030-05-02T09:00:00Z', end: '2030-05-02T09:10:00Z' };
    const [embargoed, released] = await publish(owner, [
      slotInput('A81001', { ...may, visibleFrom: '2099-01-01T00:00:00Z' }),
      slotInput('A81001', { ...may, visibleFrom: '2020-01-01T00:00:00Z' }),
    ]);
    expect((await search(member, window)).items.map((s) => s.id)).toEqual([released.id]);
    expect((await search(ownerBooker, window)).items.map((s) => s.id).sort()).toEqual([embargoed.id, released.id].sort());
    expect((await service.request(member, 'GET', `/slots/${embargoed.id}`)).statusCode).toBe(404);
    expect((await service.request(ownerBooker, 'GET', `/slots/${embargoed.id}`)).statusCode).toBe(200);
    // Booking it is refused as if it did not exist.
    await service.requestReservation({ bookingId: 'b-embargo', reservationId: 'r-embargo', slotId: embargoed.id, requester: { organisation: 'Y00001', organisationType: 'gp-hub', federations: ['F1'] } });
    const events = await service.store.readStream(`slot-${embargoed.id}`);
    expect(events[events.length - 1]).toMatchObject({ type: 'SlotReservationRejected', data: { reason: 'slot_not_found' } });
  });

  it('lists only slots with a place left: fully booked ones drop out and come back when released', async () => {
    const window = 'start=2030-06-01T00:00:00Z&end=2030-06-10T00:00:00Z&organisation=A81001';
    const [slot] = await publish(owner, [slotInput('A81001', { start: '2030-06-02T09:00:00Z', end: '2030-06-02T09:10:00Z' })]);
    const requester = { organisation: 'A81001', organisationType: 'gp-practice', federations: [] };
    await service.requestReservation({ bookingId: 'b-full', reservationId: 'r-full', slotId: slot.id, requester });
    expect((await search(ownerBooker, window)).items).toEqual([]);
    expect((await service.request(ownerBooker, 'GET', `/slots/${slot.id}`)).json()).toMatchObject({ booked: 1, remaining: 0, status: 'full' });
    await service.sendBookingEvent('SlotReleaseRequested', { bookingId: 'b-full', reservationId: 'r-full', slotId: slot.id, reason: 'cancelled' }, 'b-full');
    expect((await search(ownerBooker, window)).items.map((s) => s.id)).toEqual([slot.id]);
  });
});
