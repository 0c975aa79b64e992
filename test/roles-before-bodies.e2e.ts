import { performance } from 'node:perf_hooks';
import type { Role } from '../libs/access/src';
import { actors } from './support/actors';
import { EmbeddedPlatform } from './support/embedded-platform';

/**
 * A caller whose role may not use a route at all is refused (403, the route's code) before its body or query is
 * read: on every route with a role-only rule, in all four services and the access audit, with a body or query that
 * would be invalid for anyone.
 */
describe('roles before bodies (embedded platform)', () => {
  const platform = new EmbeddedPlatform();
  let as: ReturnType<typeof actors>;

  beforeAll(async () => {
    await platform.start();
    as = actors(platform.api);
  });
  afterAll(() => platform.destroy());

  const invalid = { unexpected: [[]] };
  const refusals: [string, string, Role, string, unknown][] = [
    ['POST', '/slots', 'booker', 'publish_not_allowed', invalid],
    ['POST', '/slots', 'clinician', 'publish_not_allowed', invalid],
    ['POST', '/slots', 'auditor', 'publish_not_allowed', invalid],
    ['DELETE', '/slots/any-slot', 'booker', 'withdraw_not_allowed', undefined],
    ['DELETE', '/slots/any-slot', 'clinician', 'withdraw_not_allowed', undefined],
    ['POST', '/slots/any-slot/holds', 'auditor', 'hold_not_allowed', invalid],
    ['POST', '/appointments', 'auditor', 'action_not_allowed', invalid],
    ['PATCH', '/appointments/any-appointment', 'auditor', 'action_not_allowed', invalid],
    ['POST', '/appointments/any-appointment/cancel', 'auditor', 'action_not_allowed', invalid],
    ['POST', '/appointments/any-appointment/reschedule', 'auditor', 'action_not_allowed', invalid],
    ['POST', '/appointments/any-appointment/rebook', 'auditor', 'action_not_allowed', invalid],
    ['POST', '/appointments/any-appointment/attendance', 'booker', 'action_not_allowed', invalid],
    ['POST', '/appointments/any-appointment/attendance', 'system', 'action_not_allowed', invalid],
    ['POST', '/registry/entries', 'booker', 'not_entry_keeper', invalid],
    ['POST', '/registry/entries/any-entry/cancel', 'clinician', 'not_entry_keeper', invalid],
    ['POST', '/registry/entries/any-entry/entered-in-error', 'auditor', 'not_entry_keeper', invalid],
    ['GET', '/registry/changes?limit=0', 'provider-admin', 'changes_not_readable', undefined],
    ['GET', '/registry/access-log?limit=0', 'booker', 'auditors_only', undefined],
    ['GET', '/audit/access?limit=0', 'system', 'auditors_only', undefined],
    ['GET', '/audit/timeline', 'clinician', 'auditors_only', undefined],
  ];

  it.each(refusals)('%s %s by %s: 403 %s, the body not looked at', async (method, path, role, code, body) => {
    const response = await (await as('A81001', role, { orgType: 'gp-practice' })).request(method, path, body);
    expect([response.status, response.body.code]).toEqual([403, code]);
    expect(response.body.detail).toMatch(new RegExp(`^only .+ may .+, not ${role}$`));
  });

  it('still validates what an allowed role sends', async () => {
    expect((await (await as('A81001', 'provider-admin')).post('/slots', invalid)).status).toBe(400);
    expect((await (await as('A81001', 'booker')).post('/appointments', invalid)).status).toBe(400);
    expect((await (await as('CQC', 'auditor', { orgType: 'regulator' })).get('/registry/access-log?limit=0')).status).toBe(400);
  });

  it('refuses an auditor posting 100,000 slots at once, without validating them, and in a small answer', async () => {
    const auditor = await as('CQC', 'auditor', { orgType: 'regulator' });
    const slots = Array.from({ length: 100_000 }, () => ({}));
    const started = performance.now();
    const response = await auditor.post('/slots', { slots });
    const elapsedMs = performance.now() - started;
    expect([response.status, response.body.code]).toEqual([403, 'publish_not_allowed']);
    expect(JSON.stringify(response.body).length).toBeLessThan(500);
    expect(elapsedMs).toBeLessThan(1000);
  });
});
