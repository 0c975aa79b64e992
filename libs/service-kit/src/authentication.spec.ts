import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT } from 'jose';
import { AccessClaims, Role, TokenVerifier, jwksVerifier, sharedSecretVerifier, signToken } from '@app/access';
import { IdentityProvider, startIdentityProvider } from '../../access/src/testing/identity-provider';
import { MemoryDocumentStore } from '@app/readmodel';
import { embeddedAccessAudit } from './audit/access-audit';
import { createHttpApp } from './http-app';

const key = new TextEncoder().encode('a-secret-that-is-long-enough-for-hs256!!');
const claimsOf = (org: string, role: Role): AccessClaims => ({ sub: `${org}-${role}`, org, orgType: 'regulator', federations: [], role });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The HTTP app with no service in it: /health (public) and /audit/* (auditors), enough to see who gets through. */
async function serve(tokens: TokenVerifier): Promise<{ app: NestFastifyApplication; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'authentication-'));
  const app = await createHttpApp({ modules: [], tokens, health: {}, audit: embeddedAccessAudit(dataDir, new MemoryDocumentStore()), logger: false });
  await app.init();
  return {
    app,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('authentication (shared secret)', () => {
  let served: Awaited<ReturnType<typeof serve>>;
  let verified = 0;
  const countingVerifier = sharedSecretVerifier(key);
  beforeAll(async () => {
    served = await serve({ verify: (token) => ((verified += 1), countingVerifier.verify(token)) });
  });
  afterAll(() => served.close());
  const get = (url: string, headers: Record<string, string> = {}) => served.app.inject({ method: 'GET', url, headers });

  it('verifies the token once per request', async () => {
    const token = await signToken(claimsOf('AUD01', 'auditor'), key);
    const before = verified;
    expect((await get('/audit/access', bearer(token))).statusCode).toBe(200);
    expect((await get('/audit/access?limit=nope', bearer(token))).statusCode).toBe(400);
    expect(verified - before).toBe(2);
  });

  it.each([
    ['no token', {}, 'a bearer token is required (Authorization: Bearer <token>)'],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }, 'a bearer token is required (Authorization: Bearer <token>)'],
    ['a token that is not a JWT', bearer('not-a-token'), 'token is not a valid JWT (ERR_JWS_INVALID)'],
  ])('answers 401 problem+json to %s, saying why', async (_what, headers, detail) => {
    const response = await get('/audit/access', headers);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toEqual({
      type: 'https://appointment-booking.dev/problems/not-authenticated',
      title: 'Not authenticated',
      status: 401,
      detail,
      instance: '/audit/access',
    });
  });

  it.each([
    ['without exp', (jwt: SignJWT) => jwt.setIssuedAt(), 'token must expire (an exp claim is required)'],
    ['expiring in 2100', (jwt: SignJWT) => jwt.setIssuedAt().setExpirationTime(Date.UTC(2100, 0, 1) / 1000), 'longer than the 24h allowed'],
    ['issued in the future', (jwt: SignJWT) => jwt.setIssuedAt('1h').setExpirationTime('2h'), 'token was issued in the future (iat)'],
  ])('answers 401 to a token %s', async (_what, times, detail) => {
    const token = await times(new SignJWT({ ...claimsOf('AUD01', 'auditor') }).setProtectedHeader({ alg: 'HS256' }).setIssuer('appointment-booking')).sign(key);
    const response = await get('/audit/access', bearer(token));
    expect([response.statusCode, response.json().detail]).toEqual([401, expect.stringContaining(detail)]);
  });

  it.each([['A'.repeat(8000)], ['a81001 <script>']])('answers 401 to an org claim that is not an ODS code (%#)', async (org) => {
    const response = await get('/audit/access', bearer(await signToken({ ...claimsOf('AUD01', 'auditor'), org }, key)));
    expect([response.statusCode, response.json().detail]).toEqual([401, 'claim "org" must be an ODS code (3 to 10 capital letters or digits)']);
  });

  it('needs no token on a public route, and ignores a broken one there', async () => {
    expect((await get('/health')).statusCode).toBe(200);
    expect((await get('/health', bearer('not-a-token'))).statusCode).toBe(200);
  });

  it('checks the role before the query: 403 with the route’s code, whatever was sent', async () => {
    const booker = bearer(await signToken(claimsOf('A81001', 'booker'), key));
    const response = await get('/audit/access?limit=nope', booker);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      type: 'https://appointment-booking.dev/problems/auditors_only',
      title: 'Not allowed',
      status: 403,
      detail: 'only auditor may read the access audit, not booker',
      code: 'auditors_only',
      instance: '/audit/access?limit=nope',
    });
  });

  it('records the actor and how the caller authenticated in the access audit', async () => {
    const auditor = bearer(await signToken(claimsOf('AUD02', 'auditor'), key));
    await get('/audit/timeline?correlationId=x', { ...bearer('not-a-token'), 'x-correlation-id': 'forged-1' });
    await get('/audit/timeline?correlationId=x', { ...auditor, 'x-correlation-id': 'verified-1' });
    const items = (await get('/audit/access', auditor)).json().items as { correlationId: string; actor: unknown; authentication: string; status: number }[];
    const recorded = (correlationId: string) => items.find((item) => item.correlationId === correlationId);
    expect(recorded('forged-1')).toMatchObject({ actor: null, authentication: 'invalid-token', status: 401 });
    expect(recorded('verified-1')).toMatchObject({ actor: { organisation: 'AUD02', role: 'auditor' }, authentication: 'token', status: 200 });
  });
});

describe('authentication (identity provider JWKS)', () => {
  let provider: IdentityProvider;
  let served: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    provider = await startIdentityProvider();
    served = await serve(jwksVerifier(provider.settings));
  });
  afterAll(async () => {
    await served.close();
    await provider.close();
  });
  const status = async (token: string) => {
    const response = await served.app.inject({ method: 'GET', url: '/audit/access', headers: bearer(token) });
    return [response.statusCode, response.statusCode === 200 ? undefined : response.json().detail];
  };
  const auditor = claimsOf('AUD01', 'auditor') as unknown as Record<string, unknown>;

  it('lets RS256 and ES256 tokens of the provider through', async () => {
    expect(await status(await provider.sign(auditor, { alg: 'RS256' }))).toEqual([200, undefined]);
    expect(await status(await provider.sign(auditor, { alg: 'ES256' }))).toEqual([200, undefined]);
  });

  it('answers 401 naming the rule to a wrong issuer, audience, kid or algorithm', async () => {
    expect(await status(await provider.sign(auditor, { iss: 'https://evil.example' }))).toEqual([401, 'token issuer must be https://login.example.org']);
    expect(await status(await provider.sign(auditor, { aud: 'other' }))).toEqual([401, 'token audience must be appointment-booking-api']);
    expect(await status(await provider.sign(auditor, { kid: 'unknown' }))).toEqual([401, "no key of the identity provider's key set matches the token's kid and alg"]);
    expect(await status(await signToken(claimsOf('AUD01', 'auditor'), key))).toEqual([401, 'token algorithm is not accepted: use RS256 or ES256']);
  });
});
