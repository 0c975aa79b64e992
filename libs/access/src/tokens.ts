import { SignJWT } from 'jose';
import type { AccessClaims } from './claims';

/** The shared-secret mode's algorithm and issuer: tokens minted by `npm run token` (or a caller holding AUTH_SECRET). */
export const sharedSecretAlgorithm = 'HS256';
export const sharedSecretIssuer = 'appointment-booking';

/** A token signed with the shared secret, valid for `lifetimeSeconds` from now. */
export async function signToken(claims: AccessClaims, key: Uint8Array, lifetimeSeconds = 8 * 3600): Promise<string> {
  const { sub, ...rest } = claims;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: sharedSecretAlgorithm })
    .setSubject(sub)
    .setIssuer(sharedSecretIssuer)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(key);
}
