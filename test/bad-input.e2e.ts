import { Logger } from '@nestjs/common';
import { ApiClient, slotInput, testNhsNumber } from './support/api-client';
import { actors } from './support/actors';
import { EmbeddedPlatform } from './support/embedded-platform';
import { storedEvents } from './support/stored-events';
import { tokenFor } from './support/tokens';

/** Requests an attacker or a careless integration sends: each answers a small 400-class problem, fast, logged and audited. */
describe('bad input (embedded platform, over HTTP)', () => {
  const platform = new EmbeddedPlatform();
  let as: ReturnType<typeof actors>;
  let admin: ApiClient;
  let booker: ApiClient;
  let auditor: ApiClient;

  beforeAll(async () => {
    await platform.start();
    as = actors(platform.api);
    admin = await as('A81001', 'provider-admin');
    booker = await as('A81001', 'booker');
    auditor = await as('CQC', 'auditor', { orgType: 'regulator' });
  });
  afterAll(() => platform.destroy());

  /** A request with a body sent as given (not JSON-encoded by the client), as the provider-admin. */
  const send = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const token = await tokenFor('A81001', 'provider-admin');
    const started = performance.now();
    const response = await fetch(`${platform.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
  };
  const fieldsOf = (answer: { body: { errors?: { field: string }[] } }) => [...new Set(answer.body.errors?.map((error) => error.field))];
  const slot = (overrides: Record<string, unknown> = {}) => slotInput('A81001', overrides);

  describe('sizes are checked before anything walks the elements', () => {
    it('answers 100,000 empty slots with a small 400 in milliseconds', async () => {
      const body = JSON.stringify({ slots: Array.from({ length: 100_000 }, () => ({})) });
      await send('POST', '/slots', JSON.stringify({ slots: [[]] })); // warm the route
      const answer = await send('POST', '/slots', body);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ field: 'slots', message: 'slots must contain no more than 500 elements' }]);
      expect(answer.text.length).toBeLessThan(1_000);
      expect(answer.ms).toBeLessThan(200);
    });

    it('lists at most 20 field errors, counts the others and says so in the detail', async () => {
      const answer = await send('POST', '/slots', JSON.stringify({ slots: Array.from({ length: 30 }, () => slot({ serviceType: '', deliveryChannel: 'fax' })) }));
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toHaveLength(20);
      expect(answer.body.omittedErrors).toBe(30 * 2 - 20);
      expect(answer.body.detail).toMatch(/; and 40 more$/);
    });

    it('refuses a list over its bound wherever it is, naming it', async () => {
      const codes = (n: number, code = (i: number) => `X${String(i).padStart(5, '0')}`) => Array.from({ length: n }, (_, i) => code(i));
      for (const list of ['organisations', 'organisationTypes', 'federations']) {
        const answer = await send('POST', '/slots', JSON.stringify({ slots: [slot({ bookableBy: { [list]: codes(101) } })] }));
        expect({ list, status: answer.status, fields: fieldsOf(answer) }).toEqual({ list, status: 400, fields: [`slots[0].bookableBy.${list}`] });
      }
      const accepted = await send('POST', '/slots', JSON.stringify({ slots: [slot({ bookableBy: { organisations: codes(100), federations: codes(100) } })] }));
      expect(accepted.status).toBe(201);
      const adjustments = await booker.post('/appointments', { slotId: 'any', patient: { nhsNumber: testNhsNumber() }, description: 'x', reasonableAdjustments: codes(10_000) });
      expect(adjustments.status).toBe(400);
      expect(adjustments.body.errors.map((error: { field: string }) => error.field)).toEqual(['reasonableAdjustments']);
    });

    it('refuses 80,000 unknown fields without transforming them, counting them', async () => {
      const unknown = Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`f${i}`, 1]));
      const answer = await send('POST', '/slots', JSON.stringify({ slots: [{ ...slot(), ...unknown }] }));
      expect(answer.status).toBe(400);
      expect(answer.body.omittedErrors).toBe(80_000 - 20);
      expect(answer.ms).toBeLessThan(1_000); // it took 11 s when each object was transformed first
    });
  });

  describe('instants: RFC 3339 with an offset, everywhere', () => {
    const refused = ['2031-W10-1T09:00:00Z', '2031-060T09:00:00Z', '20310301T090000Z', '+2031-03-01T09:00:00Z', '2031-03-01T09:00:00,5Z', '2031-03-01T09Z', '2031-03-01T09:00:00', '2031-02-30T09:00:00Z', '2031-03-01T24:00:00Z'];

    it.each(refused)('refuses %s in a body and a query, naming the field', async (bad) => {
      const q = encodeURIComponent(bad);
      const nhsNumber = testNhsNumber();
      const answers = {
        'slots[0].start': await send('POST', '/slots', JSON.stringify({ slots: [slot({ start: bad })] })),
        'slots[0].visibleFrom': await send('POST', '/slots', JSON.stringify({ slots: [slot({ visibleFrom: bad })] })),
        start: await booker.get(`/slots?start=${q}`),
        end: await booker.get(`/slots?start=2031-03-01T09:00:00Z&end=${q}`),
        from: await booker.get(`/appointments?patient=${nhsNumber}&from=${q}`),
        to: await booker.get(`/registry/patients/${nhsNumber}/appointments?to=${q}`),
        asOf: await booker.get(`/appointments/some-id?asOf=${q}`),
        'registry start': await admin.post('/registry/entries', {
          appointmentId: 'ext-1',
          appointmentUrl: 'https://pas.example/1',
          nhsNumber,
          organisation: 'A81001',
          serviceType: 'x',
          start: bad,
          end: '2031-03-01T10:00:00Z',
        }),
        'access-log from': await auditor.get(`/registry/access-log?from=${q}`),
        'audit from': await auditor.get(`/audit/access?from=${q}`),
      };
      const seen = Object.entries(answers).map(([where, answer]) => [where, answer.status, fieldsOf(answer)]);
      expect(seen).toEqual([
        ['slots[0].start', 400, ['slots[0].start']],
        ['slots[0].visibleFrom', 400, ['slots[0].visibleFrom']],
        ['start', 400, ['start']],
        ['end', 400, ['end']],
        ['from', 400, ['from']],
        ['to', 400, ['to']],
        ['asOf', 400, ['asOf']],
        ['registry start', 400, ['start']],
        ['access-log from', 400, ['from']],
        ['audit from', 400, ['from']],
      ]);
    });

    it('refuses a date of birth in month 13 with a 400 naming it (it was a 500)', async () => {
      const answer = await booker.post('/appointments', { slotId: 'a-slot', patient: { nhsNumber: testNhsNumber(), dateOfBirth: '1990-13-01' }, description: 'Blood test' });
      expect([answer.status, fieldsOf(answer)]).toEqual([400, ['patient.dateOfBirth']]);
    });

    it('accepts an offset other than Z and fractional seconds, in a body and a query', async () => {
      const published = await send('POST', '/slots', JSON.stringify({ slots: [slot({ start: '2031-03-03T10:00:00.5+01:00', end: '2031-03-03T10:10:00+01:00' })] }));
      expect(published.status).toBe(201);
      expect(published.body.items[0].start).toBe('2031-03-03T09:00:00.500Z');
      const found = await admin.get(`/slots?organisation=A81001&start=${encodeURIComponent('2031-03-03T09:59:00+01:00')}&end=${encodeURIComponent('2031-03-03T10:01:00+01:00')}`);
      expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([published.body.items[0].id]);
    });
  });

  describe('a list where an object belongs is refused', () => {
    it('in the slot-service', async () => {
      const nested = await send('POST', '/slots', JSON.stringify({ slots: [[]] }));
      expect([nested.status, fieldsOf(nested)]).toEqual([400, ['slots[0]']]);
      const bookableBy = await send('POST', '/slots', JSON.stringify({ slots: [slot({ bookableBy: [[{ organisations: ['A81001'] }]] })] }));
      expect([bookableBy.status, fieldsOf(bookableBy)]).toEqual([400, ['slots[0].bookableBy']]);
      const whole = await send('POST', '/slots', JSON.stringify([slot()]));
      expect([whole.status, fieldsOf(whole)]).toEqual([400, ['body']]);
    });

    it('in the booking-service: patient, contact, address, supporter', async () => {
      const book = (body: Record<string, unknown>) => booker.post('/appointments', { slotId: 'a-slot', patient: { nhsNumber: testNhsNumber() }, description: 'Blood test', ...body });
      const nhsNumber = testNhsNumber();
      const answers = [
        await book({ patient: [[{ nhsNumber }]] }),
        await book({ patient: { nhsNumber, contact: [[]] } }),
        await book({ patient: { nhsNumber, contact: { address: [{ lines: ['1 High St'], postcode: 'LS1 4AP' }] } } }),
        await book({ supporter: [{ name: 'Ada', role: 'carer' }] }),
        await book({ supporter: { name: 'Ada', role: 'carer', contact: [] } }),
      ];
      expect(answers.map((answer) => [answer.status, fieldsOf(answer)])).toEqual([
        [400, ['patient']],
        [400, ['patient.contact']],
        [400, ['patient.contact.address']],
        [400, ['supporter']],
        [400, ['supporter.contact']],
      ]);
      const amend = await booker.patch('/appointments/some-id', { patient: { contact: [[]] } }, { 'if-match': '"1"' });
      expect([amend.status, fieldsOf(amend)]).toEqual([400, ['patient.contact']]);
    });

    it('in the registry-service and the notification-service (a whole body or a repeated query parameter)', async () => {
      const entry = await send('POST', '/registry/entries', '[{"appointmentId":"x"}]');
      expect([entry.status, fieldsOf(entry)]).toEqual([400, ['body']]);
      const notifications = await booker.get('/notifications?appointment=a&appointment=b');
      expect([notifications.status, fieldsOf(notifications)]).toEqual([400, ['appointment']]);
    });
  });

  describe('JSON nesting depth is limited at parsing', () => {
    const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

    it('refuses a body nested 1,500 levels deep with a 400 naming the rule', async () => {
      for (const path of ['/slots', '/appointments', '/registry/entries']) {
        const answer = await send('POST', path, `{"slots":[{"location":${deep(1_500)}}]}`);
        expect([path, answer.status, answer.headers.get('content-type'), answer.body.code]).toEqual([path, 400, expect.stringContaining('application/problem+json'), 'invalid_json']);
        expect(answer.body.detail).toMatch(/deeper than 32/);
      }
    });

    it('parses 32 levels, refuses 33', async () => {
      const at = (levels: number) => send('POST', '/slots', `{"slots":[{"location":${deep(levels - 3)}}]}`);
      expect((await at(32)).body.code).toBeUndefined(); // a 400 from validation: the location is no text
      expect((await at(33)).body.code).toBe('invalid_json');
    });

    it('still refuses prototype poisoning and malformed JSON as invalid JSON', async () => {
      const poisoned = await send('POST', '/slots', '{"slots":[],"__proto__":{"admin":true}}');
      expect([poisoned.status, poisoned.body.code]).toEqual([400, 'invalid_json']);
      const malformed = await send('POST', '/slots', '{"slots":[');
      expect([malformed.status, malformed.body.code]).toEqual([400, 'invalid_json']);
    });
  });

  describe('every string and list has a bound', () => {
    it('serviceType of at most 200 characters, in a slot and in a search', async () => {
      const long = await send('POST', '/slots', JSON.stringify({ slots: [slot({ serviceType: 'x'.repeat(201) })] }));
      expect([long.status, fieldsOf(long)]).toEqual([400, ['slots[0].serviceType']]);
      expect((await send('POST', '/slots', JSON.stringify({ slots: [slot({ serviceType: 'x'.repeat(200) })] }))).status).toBe(201);
      const search = await booker.get(`/slots?serviceType=${'x'.repeat(201)}`);
      expect([search.status, fieldsOf(search)]).toEqual([400, ['serviceType']]);
    });

    it('bookableBy entries of at most 100 characters', async () => {
      const answer = await send('POST', '/slots', JSON.stringify({ slots: [slot({ bookableBy: { organisationTypes: ['t'.repeat(101)], federations: ['f'.repeat(101)] } })] }));
      expect([answer.status, fieldsOf(answer)]).toEqual([400, ['slots[0].bookableBy.organisationTypes', 'slots[0].bookableBy.federations']]);
    });

    it('cursors and query ids of bounded length in every service', async () => {
      const long = 'c'.repeat(501);
      const nhsNumber = testNhsNumber();
      const answers = {
        slots: await booker.get(`/slots?cursor=${long}`),
        federation: await booker.get(`/slots?federation=${'f'.repeat(101)}`),
        appointments: await booker.get(`/appointments?patient=${nhsNumber}&cursor=${long}`),
        status: await booker.get(`/appointments?patient=${nhsNumber}&status=${'booked,'.repeat(30)}booked`),
        accessLog: await auditor.get(`/registry/access-log?cursor=${long}`),
        changes: await auditor.get(`/registry/changes?after=${long}`),
        audit: await auditor.get(`/audit/access?cursor=${long}`),
        notifications: await booker.get(`/notifications?appointment=${'a'.repeat(101)}`),
      };
      expect(Object.entries(answers).map(([name, answer]) => [name, answer.status, fieldsOf(answer)])).toEqual([
        ['slots', 400, ['cursor']],
        ['federation', 400, ['federation']],
        ['appointments', 400, ['cursor']],
        ['status', 400, ['status']],
        ['accessLog', 400, ['cursor']],
        ['changes', 400, ['after']],
        ['audit', 400, ['cursor']],
        ['notifications', 400, ['appointment']],
      ]);
    });

    it('X-Correlation-ID of at most 100 characters of A-Z a-z 0-9 . _ : -, else 400 naming the header', async () => {
      const fine = 'Ab9._:-'.repeat(14).slice(0, 100);
      const echoed = await booker.request('GET', '/slots', undefined, { 'x-correlation-id': fine });
      expect([echoed.status, echoed.headers.get('x-correlation-id')]).toEqual([200, fine]);
      for (const bad of ['x'.repeat(101), 'two words', 'a<script>', 'é']) {
        const answer = await booker.request('GET', '/slots', undefined, { 'x-correlation-id': bad });
        expect([answer.status, answer.headers.get('content-type'), fieldsOf(answer)]).toEqual([400, expect.stringContaining('application/problem+json'), ['X-Correlation-ID']]);
        expect(answer.headers.get('x-correlation-id')).not.toBe(bad);
      }
    });

    it('Idempotency-Key of at most 200 visible ASCII characters, else 400 naming the header and nothing published', async () => {
      for (const bad of ['k'.repeat(201), 'two words', 'clé']) {
        const answer = await admin.request('POST', '/slots', { slots: [slot({ serviceType: 'idempotency-key-check' })] }, { 'idempotency-key': bad });
        expect([answer.status, fieldsOf(answer)]).toEqual([400, ['Idempotency-Key']]);
      }
      const published = await admin.get('/slots?organisation=A81001&serviceType=idempotency-key-check');
      expect(published.body.items).toEqual([]);
      const fine = await admin.request('POST', '/slots', { slots: [slot({ serviceType: 'idempotency-key-check' })] }, { 'idempotency-key': 'k'.repeat(200) });
      expect(fine.status).toBe(201);
      expect((await admin.get('/slots?organisation=A81001&serviceType=idempotency-key-check')).body.items).toHaveLength(1);
    });
  });

  describe("Fastify's own refusals", () => {
    let logged: string[];
    beforeEach(() => {
      logged = [];
      jest.spyOn(Logger.prototype, 'log').mockImplementation(function (this: Logger, message: unknown) {
        if ((this as unknown as { context?: string }).context === 'Access') logged.push(String(message));
      });
    });
    afterEach(() => jest.restoreAllMocks());

    const auditRecords = (correlationId: string) =>
      storedEvents(platform.dataDir, 'audit')
        .map((event) => event.data)
        .filter((record) => record.correlationId === correlationId);

    it.each([
      ['a path that is no valid percent-encoding', 'GET', '/appointments/%FF', undefined, {}, 400],
      ['a path parameter over 100 characters', 'GET', `/appointments/${'a'.repeat(101)}`, undefined, {}, 414],
      ['a bad path with a body', 'POST', '/appointments/%C3%28/cancel', '{"reason":"moved"}', {}, 400],
      ['a body over 1 MB', 'POST', '/slots', JSON.stringify({ slots: ['x'.repeat(1_100_000)] }), {}, 413],
      ['malformed JSON', 'POST', '/slots', '{"slots":', {}, 400],
      ['a body that is not JSON', 'POST', '/slots', 'slots=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ])('%s: a problem, an access-log line and an access record', async (_what, method, path, body, headers, status) => {
      const correlationId = `bad-${Math.random().toString(36).slice(2)}`;
      const answer = await send(method, path, body, { ...headers, 'x-correlation-id': correlationId });
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toEqual(expect.objectContaining({ type: expect.stringMatching(/^https:\/\//), title: expect.any(String), status, detail: expect.any(String), instance: path }));
      expect(JSON.stringify(answer.body)).not.toMatch(/FST_/);
      expect(answer.headers.get('x-correlation-id')).toBe(correlationId);
      expect(logged.map((line) => JSON.parse(line))).toContainEqual(expect.objectContaining({ method, path, status, correlationId }));
      expect(auditRecords(correlationId)).toEqual([expect.objectContaining({ method, status, correlationId, authentication: expect.any(String) })]);
    });
  });
});
