import { SignJWT, errors, jwtVerify } from 'jose';
import { AccessClaims, InvalidTokenError, claimsFromPayload } from './claims';

const algorithm = 'HS256';
const issuer = 'appointment-booking';

export async function signToken(claims: AccessClaims, key: Uint8Array, expiresIn = '8h'): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: algorithm })
    .setSubject(sub)
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

/** Verifies signature, expiry and issuer, then the claims; throws InvalidTokenError with the reason. */
export async function verifyToken(token: string, key: Uint8Array): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: [algorithm], issuer });
    return claimsFromPayload(payload as Record<string, unknown>);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token has expired');
    if (error instanceof errors.JOSEError) throw new InvalidTokenError(`token rejected: ${error.code}`);
    throw error;
  }
}
