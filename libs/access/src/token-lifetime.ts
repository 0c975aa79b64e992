import { InvalidTokenError } from './claims';

/** How long a token may live (`exp - iat`) and how far the issuer's clock may be from ours. */
export interface TokenRules {
  maxLifetimeSeconds: number;
  clockSkewSeconds: number;
}

export const defaultTokenRules: TokenRules = { maxLifetimeSeconds: 24 * 3600, clockSkewSeconds: 60 };

/** `86400` → `24h`, `90` → `90s`: a duration as AUTH_MAX_TOKEN_LIFETIME would write it. */
export function formatSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/**
 * What jose leaves to us once it has checked exp (required) and nbf with the skew: an `iat` in the future is
 * refused, and the lifetime (`exp - iat`, or `exp - now` without iat) is capped, so a leaked token is not good for years.
 */
export function checkLifetime(payload: { exp?: number; iat?: number }, rules: TokenRules, nowSeconds = Math.floor(Date.now() / 1000)): void {
  const { exp, iat } = payload;
  if (iat !== undefined && iat > nowSeconds + rules.clockSkewSeconds) throw new InvalidTokenError('token was issued in the future (iat)');
  const lifetime = exp! - (iat ?? nowSeconds);
  if (lifetime > rules.maxLifetimeSeconds) {
    throw new InvalidTokenError(`token lives ${formatSeconds(lifetime)} (exp - iat), longer than the ${formatSeconds(rules.maxLifetimeSeconds)} allowed`);
  }
}
