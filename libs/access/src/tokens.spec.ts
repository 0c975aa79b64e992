import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import type { AccessClaims } from './claims';
import { resolveSigningKey, signingKeyFile } from './signing-key';
import { sharedSecretVerifier, tokenVerifier } from './token-verifier';
import { signToken } from './tokens';

const claims: AccessClaims = { sub: 'u1', org: 'A81001', orgType: 'gp-practice', federations: ['F1'], role: 'booker' };
const key = new TextEncoder().encode('a-secret-that-is-long-enough-for-hs256!!');
const now = () => Math.floor(Date.now() / 1000);
const hour = 3600;

/** A token signed with `key` carrying exactly the times given (none when left out). */
const tokenWith = (times: { iat?: number; exp?: number; nbf?: number }, payload: Record<string, unknown> = { org: 'A81001', orgType: 'gp-practice', role: 'booker' }) => {
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer('appointment-booking');
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
  if (times.nbf !== undefined) jwt.setNotBefore(times.nbf);
  return jwt.sign(key);
};

describe('shared-secret tokens', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'access-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a generated key in DATA_DIR, private, and reuses it', () => {
    const first = resolveSigningKey({ dataDir });
    expect(first.length).toBe(32);
    expect(statSync(signingKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(resolveSigningKey({ dataDir })).equals(Buffer.from(first))).toBe(true);
  });

  it('prefers AUTH_SECRET over the key file', async () => {
    const token = await signToken(claims, key);
    expect(await tokenVerifier({ secret: 'a-secret-that-is-long-enough-for-hs256!!' }, dataDir).verify(token)).toEqual(claims);
    await expect(tokenVerifier({}, dataDir).verify(token)).rejects.toThrow('token signature does not verify');
  });

  it('round-trips the claims', async () => {
    const verifier = tokenVerifier({}, dataDir);
    expect(await verifier.verify(await signToken(claims, resolveSigningKey({ dataDir })))).toEqual(claims);
  });

  it('refuses a token signed with another key', async () => {
    await expect(sharedSecretVerifier(new Uint8Array(32).fill(7)).verify(await signToken(claims, key))).rejects.toThrow('token signature does not verify');
  });
});

describe('token lifetime', () => {
  const verifier = sharedSecretVerifier(key, { maxLifetimeSeconds: 24 * hour, clockSkewSeconds: 60 });
  const verify = async (times: { iat?: number; exp?: number; nbf?: number }) => verifier.verify(await tokenWith(times));

  it('requires an expiry', async () => {
    await expect(verify({ iat: now() })).rejects.toThrow('token must expire (an exp claim is required)');
  });

  it('refuses an expired token, past the clock skew', async () => {
    await expect(verify({ iat: now() - hour, exp: now() - 61 })).rejects.toThrow('token has expired');
    await expect(verify({ iat: now() - hour, exp: now() - 30 })).resolves.toMatchObject({ org: 'A81001' });
  });

  it('caps the lifetime (exp - iat) at AUTH_MAX_TOKEN_LIFETIME', async () => {
    await expect(verify({ iat: now(), exp: now() + 24 * hour })).resolves.toMatchObject({ org: 'A81001' });
    await expect(verify({ iat: now(), exp: now() + 24 * hour + 1 })).rejects.toThrow('token lives 86401s (exp - iat), longer than the 24h allowed');
    // Expiring in 2100.
    await expect(verify({ iat: now(), exp: Date.UTC(2100, 0, 1) / 1000 })).rejects.toThrow('longer than the 24h allowed');
    // Issued long ago, still valid: its lifetime counts, not what is left of it.
    await expect(verify({ iat: now() - 48 * hour, exp: now() + hour })).rejects.toThrow('token lives 49h');
  });

  it('counts the lifetime from now when the token has no iat', async () => {
    await expect(verify({ exp: now() + 23 * hour })).resolves.toMatchObject({ org: 'A81001' });
    await expect(verify({ exp: now() + 25 * hour })).rejects.toThrow('longer than the 24h allowed');
  });

  it('refuses a token issued in the future beyond the clock skew', async () => {
    await expect(verify({ iat: now() + 30, exp: now() + hour })).resolves.toMatchObject({ org: 'A81001' });
    await expect(verify({ iat: now() + 120, exp: now() + hour })).rejects.toThrow('token was issued in the future (iat)');
  });

  it('refuses a token not valid yet beyond the clock skew', async () => {
    await expect(verify({ iat: now(), nbf: now() + 30, exp: now() + hour })).resolves.toMatchObject({ org: 'A81001' });
    await expect(verify({ iat: now(), nbf: now() + 120, exp: now() + hour })).rejects.toThrow('token is not valid yet (nbf)');
  });

  it('refuses other issuers and algorithms', async () => {
    const foreign = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).setIssuer('elsewhere').setIssuedAt().setExpirationTime('1h').sign(key);
    await expect(verifier.verify(foreign)).rejects.toThrow('token issuer must be appointment-booking');
    const hs512 = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS512' }).setIssuer('appointment-booking').setIssuedAt().setExpirationTime('1h').sign(key);
    await expect(verifier.verify(hs512)).rejects.toThrow('token algorithm is not accepted: use HS256');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, iss: 'appointment-booking', exp: now() + 60 })).toString('base64url')}.`;
    await expect(verifier.verify(unsigned)).rejects.toThrow('token algorithm is not accepted: use HS256');
    await expect(verifier.verify('not-a-token')).rejects.toThrow('token is not a valid JWT (ERR_JWS_INVALID)');
  });
});

describe('token claims', () => {
  const verifier = sharedSecretVerifier(key);
  const verifyClaims = async (changed: Record<string, unknown>) => verifier.verify(await signToken({ ...claims, ...changed } as AccessClaims, key));

  it.each([
    ['an over-long org', { org: 'A'.repeat(8000) }, 'claim "org" must be an ODS code'],
    ['markup in org', { org: 'a81001 <script>' }, 'claim "org" must be an ODS code'],
    ['a lower-case org', { org: 'a81001' }, 'claim "org" must be an ODS code'],
    ['an empty sub', { sub: ' ' }, 'claim "sub" must be printable text of 1 to 200 characters'],
    ['a sub with control characters', { sub: 'u1\n{"forged":1}' }, 'claim "sub" must be printable text'],
    ['an over-long sub', { sub: 'u'.repeat(201) }, 'claim "sub" must be printable text'],
    ['an orgType with spaces', { orgType: 'gp practice' }, 'claim "orgType" must be 1 to 50 lower-case letters'],
    ['an over-long orgType', { orgType: 'x'.repeat(51) }, 'claim "orgType" must be'],
    ['federations that are not a list', { federations: 'F1' }, 'claim "federations" must be a list of at most 50 names'],
    ['51 federations', { federations: Array.from({ length: 51 }, (_, i) => `F${i}`) }, 'claim "federations" must be a list of at most 50'],
    ['a federation with markup', { federations: ['F1', '<b>'] }, 'claim "federations" must be'],
    ['an unknown role', { role: 'admin' }, 'claim "role" must be one of booker, clinician, provider-admin, auditor, system'],
    ['a long reason_for_request', { reason_for_request: 'x'.repeat(101) }, 'claim "reason_for_request" must be text of 1 to 100 characters'],
  ])('refuses %s', async (_what, changed, message) => {
    await expect(verifyClaims(changed)).rejects.toThrow(message);
  });

  it('accepts the largest well-formed claims', async () => {
    const largest = { sub: 'ü'.repeat(200), org: 'A1B2C3D4E5', orgType: 'x'.repeat(50), federations: Array.from({ length: 50 }, (_, i) => `F.${i}_${'x'.repeat(90)}`) };
    expect(await verifyClaims(largest)).toMatchObject(largest);
  });

  it('carries reason_for_request when given; it is optional', async () => {
    expect((await verifyClaims({ reason_for_request: 'urgent-care-reassessment' })).reason_for_request).toBe('urgent-care-reassessment');
    expect(await verifyClaims({})).not.toHaveProperty('reason_for_request');
  });
});
