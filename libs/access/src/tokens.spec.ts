import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { resolveSigningKey, signingKeyFile } from './signing-key';
import { signToken, verifyToken } from './tokens';
import type { AccessClaims } from './claims';

const claims: AccessClaims = { sub: 'u1', org: 'A81001', orgType: 'gp-practice', federations: ['F1'], role: 'booker' };

describe('tokens', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'access-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a generated key in DATA_DIR, private, and reuses it', () => {
    const first = resolveSigningKey({ dataDir });
    expect(first.length).toBe(32);
    expect(statSync(signingKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(resolveSigningKey({ dataDir })).equals(Buffer.from(first))).toBe(true);
  });

  it('prefers AUTH_SECRET over the key file', () => {
    const key = resolveSigningKey({ dataDir, authSecret: 'a-secret-that-is-long-enough-for-hs256!!' });
    expect(Buffer.from(key).toString()).toBe('a-secret-that-is-long-enough-for-hs256!!');
  });

  it('round-trips the claims', async () => {
    const key = resolveSigningKey({ dataDir });
    expect(await verifyToken(await signToken(claims, key), key)).toEqual(claims);
  });

  it('refuses a token signed with another key', async () => {
    const token = await signToken(claims, resolveSigningKey({ dataDir }));
    await expect(verifyToken(token, new Uint8Array(32).fill(7))).rejects.toThrow('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('refuses an expired token', async () => {
    const key = resolveSigningKey({ dataDir });
    const token = await new SignJWT({ org: 'A81001', orgType: 'gp-practice', role: 'booker' })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer('appointment-booking')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10).sign(key);
    await expect(verifyToken(token, key)).rejects.toThrow('token has expired');
  });

  it('refuses an unknown role', async () => {
    const key = resolveSigningKey({ dataDir });
    const token = await signToken({ ...claims, role: 'admin' as never }, key);
    await expect(verifyToken(token, key)).rejects.toThrow('claim "role" must be one of');
  });
});

describe('reason_for_request claim', () => {
  const key = new TextEncoder().encode('a-secret-that-is-long-enough-for-hs256!!');
  it('is carried when given', async () => {
    const token = await signToken({ ...claims, reason_for_request: 'urgent-care-reassessment' }, key);
    expect((await verifyToken(token, key)).reason_for_request).toBe('urgent-care-reassessment');
  });
  it('is optional', async () => expect(await verifyToken(await signToken(claims, key), key)).not.toHaveProperty('reason_for_request'));
  it('must be short text', async () => {
    const token = await signToken({ ...claims, reason_for_request: 'x'.repeat(101) }, key);
    await expect(verifyToken(token, key)).rejects.toThrow('claim "reason_for_request" must be text of 1 to 100 characters');
  });
});
