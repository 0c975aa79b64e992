import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CryptoKey, SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { JwksSettings } from '../token-verifier';

export interface SignOptions {
  alg?: 'RS256' | 'ES256';
  /** Default: the kid of the key of `alg`. */
  kid?: string;
  iss?: string;
  aud?: string;
  /** Signs with this key instead of the provider's (a stranger's key, or HS256 bytes). */
  key?: CryptoKey | Uint8Array;
  /** The header's alg when `key` needs another (HS256). */
  headerAlg?: string;
}

export interface IdentityProvider {
  settings: JwksSettings;
  /** A token for `claims`, valid for an hour, signed by the provider's RS256 (default) or ES256 key. */
  sign(claims: Record<string, unknown>, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

/** An identity provider serving its JWKS (an RS256 and an ES256 key) over real HTTP on a free port. */
export async function startIdentityProvider(issuer = 'https://login.example.org', audience = 'appointment-booking-api'): Promise<IdentityProvider> {
  const keys = { RS256: await generateKeyPair('RS256'), ES256: await generateKeyPair('ES256') };
  const kids = { RS256: 'rsa-1', ES256: 'ec-1' };
  const jwks = {
    keys: await Promise.all(
      (['RS256', 'ES256'] as const).map(async (alg) => ({ ...(await exportJWK(keys[alg].publicKey)), kid: kids[alg], alg, use: 'sig' })),
    ),
  };
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  return {
    settings: { url, issuer, audience },
    sign: (claims, options = {}) => {
      const alg = options.alg ?? 'RS256';
      return new SignJWT(claims)
        .setProtectedHeader({ alg: options.headerAlg ?? alg, kid: options.kid ?? kids[alg] })
        .setIssuer(options.iss ?? issuer)
        .setAudience(options.aud ?? audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(options.key ?? keys[alg].privateKey);
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
