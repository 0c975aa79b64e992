import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Role, resolveSigningKey, signToken } from '../libs/access/src';
import { Platform, createPlatform } from '../apps/platform/src/platform';
import { ApiClient, slotInput, testNhsNumber } from './support/api-client';

/** Every folder and file under `dir` (itself included), with its permission bits, by path relative to `dir`. */
function modesUnder(dir: string): Record<string, string> {
  const modes: Record<string, string> = {};
  const visit = (path: string) => {
    modes[relative(dir, path) || '.'] = (statSync(path).mode & 0o777).toString(8);
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return modes;
}

/**
 * The embedded platform started on a DATA_DIR that does not exist yet, with no AUTH_SECRET (so it makes its own
 * key there), under the usual umask 022: after it served a booking, only its owner may read or enter anything in it.
 */
describe('DATA_DIR file modes (embedded platform)', () => {
  const parent = mkdtempSync(join(tmpdir(), 'data-dir-modes-'));
  const dataDir = join(parent, 'data');
  const umask = process.umask(0o022);
  let platform: Platform;

  beforeAll(async () => {
    platform = await createPlatform({ dataDir, confirmTimeoutMs: 5000, logger: false });
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await platform?.close();
    process.umask(umask);
    rmSync(parent, { recursive: true, force: true });
  });

  it('creates folders 0700 and files 0600: event stores with their -wal and -shm, state, audit, dead letters, the signing key', async () => {
    const key = resolveSigningKey({ dataDir });
    const as = async (role: Role) =>
      new ApiClient(await platform.app.getUrl(), await signToken({ sub: `modes-${role}`, org: 'A81001', orgType: 'gp-practice', federations: [], role }, key));
    const published = await (await as('provider-admin')).post('/slots', { slots: [slotInput('A81001')] });
    expect(published.status).toBe(201);
    const booked = await (await as('booker')).post('/appointments', { slotId: published.body.items[0].id, patient: { nhsNumber: testNhsNumber() }, description: 'Blood test' });
    expect(booked.status).toBe(201);

    const modes = modesUnder(dataDir);
    const stores = ['slot-service', 'booking-service', 'registry-service', 'notification-service', 'audit'].flatMap((folder) => [
      folder,
      ...['events.sqlite', 'events.sqlite-wal', 'events.sqlite-shm', 'state.sqlite'].map((file) => join(folder, file)),
    ]);
    expect(Object.keys(modes)).toEqual(expect.arrayContaining(['.', 'auth.key', 'platform', join('platform', 'dead-letters.sqlite'), ...stores]));
    const expected = Object.fromEntries(Object.keys(modes).map((path) => [path, statSync(join(dataDir, path)).isDirectory() ? '700' : '600']));
    expect(modes).toEqual(expected);
  });
});
