import { ApiClient, ApiResponse, slotInput, testNhsNumber } from './support/api-client';
import { actors, publishSlots } from './support/actors';
import { EmbeddedPlatform } from './support/embedded-platform';

/** Security headers and caching on the embedded platform's answers, over HTTP: every service's routes, refusals included. */
describe('response headers (embedded platform)', () => {
  const platform = new EmbeddedPlatform();
  let booker: ApiClient;
  let auditor: ApiClient;
  let appointmentId: string;
  let nhsNumber: string;

  beforeAll(async () => {
    await platform.start();
    const as = actors(platform.api);
    booker = await as('A81001');
    auditor = await as('CQC', 'auditor', { orgType: 'regulator' });
    const [slot] = await publishSlots(platform.api, 'A81001', [slotInput('A81001')]);
    nhsNumber = testNhsNumber();
    const booked = await booker.post('/appointments', { slotId: slot.id, patient: { nhsNumber }, description: 'Blood test' });
    expect(booked.status).toBe(201);
    appointmentId = booked.body.id;
  });
  afterAll(() => platform.destroy());

  /** What each answer is asked for, by service, with the status it must have: successes, problems and a 404 of no route. */
  const requests: [string, () => Promise<ApiResponse>, number][] = [
    ['slots: search', () => booker.get('/slots'), 200],
    ['slots: a missing slot', () => booker.get('/slots/no-such-slot'), 404],
    ['slots: a bad search bound', () => booker.get('/slots?start=tomorrow'), 400],
    ['bookings: an appointment', () => booker.get(`/appointments/${appointmentId}`), 200],
    ['bookings: a refused body', () => booker.post('/appointments', { slotId: 's', patient: { nhsNumber: '9434765918' }, description: 'd' }), 400],
    ['registry: a patient’s appointments', () => booker.get(`/registry/patients/${nhsNumber}/appointments`), 200],
    ['notifications: an appointment’s', () => booker.get(`/notifications?appointment=${appointmentId}`), 200],
    ['audit: an appointment’s timeline', () => auditor.get(`/audit/timeline?appointmentId=${appointmentId}`), 200],
    ['audit: access records asked for by a booker', () => booker.get('/audit/access'), 403],
    ['no route', () => booker.get('/no-such-route'), 404],
    ['no token', () => platform.api.get(`/appointments/${appointmentId}`), 401],
    ['not JSON', () => booker.request('POST', '/appointments', undefined, { 'content-type': 'text/plain' }), 415],
  ];

  it.each(requests)('%s: nosniff, a CSP and no-store', async (_what, request, status) => {
    const response = await request();
    expect(response.status).toBe(status);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('lets a page of the API’s own scripts and inline styles load (the /docs page), and nothing from elsewhere', async () => {
    const policy = new Map(
      (await platform.api.get('/health')).headers
        .get('content-security-policy')!
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...sources]) => [name, sources]),
    );
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    // Over plain HTTP the page's own scripts must not be sent to an https that is not there.
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });
});
