import { Logger } from '@nestjs/common';
import { exportJWK, generateKeyPair } from 'jose';
import { IdentityProvider, startIdentityProvider } from './testing/identity-provider';
import { TokenKeysUnavailableException, TokenVerifier, jwksVerifier } from './token-verifier';

const claims = { sub: 'user-1', org: 'A81001', orgType: 'gp-practice', role: 'booker', federations: [] };

describe('tokens of an identity provider (JWKS over HTTP)', () => {
  let provider: IdentityProvider;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    provider = await startIdentityProvider();
    verifier = jwksVerifier(provider.settings);
  });
  afterAll(() => provider.close());

  it('accepts RS256 and ES256 tokens signed by a key of the set', async () => {
    expect(await verifier.verify(await provider.sign(claims, { alg: 'RS256' }))).toMatchObject({ sub: 'user-1', org: 'A81001' });
    expect(await verifier.verify(await provider.sign(claims, { alg: 'ES256' }))).toMatchObject({ sub: 'user-1', org: 'A81001' });
  });

  it('refuses another issuer or audience, naming the one expected', async () => {
    await expect(verifier.verify(await provider.sign(claims, { iss: 'https://evil.example' }))).rejects.toThrow('token issuer must be https://login.example.org');
    await expect(verifier.verify(await provider.sign(claims, { aud: 'another-api' }))).rejects.toThrow('token audience must be appointment-booking-api');
  });

  it('refuses a kid the set does not have, a key used with another algorithm, and a stranger’s signature', async () => {
    const stranger = await generateKeyPair('RS256');
    const noKey = "no key of the identity provider's key set matches the token's kid and alg";
    await expect(verifier.verify(await provider.sign(claims, { kid: 'rsa-2', key: stranger.privateKey }))).rejects.toThrow(noKey);
    await expect(verifier.verify(await provider.sign(claims, { alg: 'ES256', kid: 'rsa-1' }))).rejects.toThrow(noKey);
    await expect(verifier.verify(await provider.sign(claims, { key: stranger.privateKey }))).rejects.toThrow('token signature does not verify');
  });

  it('refuses HS256 (even keyed with the public key) and unsigned tokens', async () => {
    const publicKeyBytes = new TextEncoder().encode(JSON.stringify(await exportJWK((await generateKeyPair('RS256')).publicKey)));
    await expect(verifier.verify(await provider.sign(claims, { key: publicKeyBytes, headerAlg: 'HS256' }))).rejects.toThrow(
      'token algorithm is not accepted: use RS256 or ES256',
    );
    const payload = { ...claims, iss: provider.settings.issuer, aud: provider.settings.audience, exp: Math.floor(Date.now() / 1000) + 60 };
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    await expect(verifier.verify(unsigned)).rejects.toThrow('token algorithm is not accepted: use RS256 or ES256');
  });

  it('is unavailable (503), not the token’s fault, when the key set cannot be fetched', async () => {
    const gone = await startIdentityProvider();
    await gone.close();
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await expect(jwksVerifier(gone.settings).verify(await gone.sign(claims))).rejects.toBeInstanceOf(TokenKeysUnavailableException);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining(`the JWKS at ${gone.settings.url} could not be used`));
    } finally {
      errors.mockRestore();
    }
  });
});
