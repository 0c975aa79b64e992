import { Logger, ServiceUnavailableException } from '@nestjs/common';
import { JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { AccessClaims, InvalidTokenError, claimsFromPayload } from './claims';
import { resolveSigningKey } from './signing-key';
import { TokenRules, checkLifetime, defaultTokenRules } from './token-lifetime';
import { sharedSecretAlgorithm, sharedSecretIssuer } from './tokens';

/** Checks a bearer token once per request; the only place tokens are verified. */
export interface TokenVerifier {
  /** The token's claims; InvalidTokenError naming the rule it broke, or TokenKeysUnavailableError. */
  verify(token: string): Promise<AccessClaims>;
}

/** Asymmetric mode: keys from the identity provider's JWKS, and the issuer and audience its tokens must name. */
export interface JwksSettings {
  url: string;
  issuer: string;
  audience: string;
}

export interface TokenSettings {
  /** AUTH_SECRET (HS256); without it, the key kept in DATA_DIR. Not used in asymmetric mode. */
  secret?: string;
  /** AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE: RS256 and ES256 tokens of an identity provider, and no others. */
  jwks?: JwksSettings;
  rules?: TokenRules;
}

/** 503: the token could not be checked because the identity provider's keys could not be fetched. */
export class TokenKeysUnavailableException extends ServiceUnavailableException {
  readonly code = 'token_keys_unavailable';
  constructor() {
    super('the keys that verify access tokens could not be fetched; try again');
  }
}

interface Expected {
  algorithms: string[];
  issuer: string;
  audience?: string;
}

const claimRefusals: Record<string, (expected: Expected, error: errors.JWTClaimValidationFailed) => string> = {
  exp: (_, error) => (error.reason === 'missing' ? 'token must expire (an exp claim is required)' : 'claim "exp" must be a number'),
  iss: (expected) => `token issuer must be ${expected.issuer}`,
  aud: (expected) => `token audience must be ${expected.audience}`,
  nbf: (_, error) => (error.reason === 'check_failed' ? 'token is not valid yet (nbf)' : 'claim "nbf" must be a number'),
};

/** jose's refusal as the rule the token broke (the 401's detail); anything else is not the token's fault and stays as it is. */
function refusalOf(error: unknown, expected: Expected): unknown {
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new InvalidTokenError(claimRefusals[error.claim]?.(expected, error) ?? `claim "${error.claim}" is invalid: ${error.message}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new InvalidTokenError(`token algorithm is not accepted: use ${expected.algorithms.join(' or ')}`);
  if (error instanceof errors.JWSSignatureVerificationFailed) return new InvalidTokenError('token signature does not verify');
  if (error instanceof errors.JWKSNoMatchingKey) return new InvalidTokenError("no key of the identity provider's key set matches the token's kid and alg");
  if (error instanceof errors.JOSEError) return new InvalidTokenError(`token is not a valid JWT (${error.code})`);
  return error;
}

async function verifyToken(token: string, key: JWTVerifyGetKey, expected: Expected, rules: TokenRules): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key, { ...expected, requiredClaims: ['exp'], clockTolerance: rules.clockSkewSeconds });
    checkLifetime(payload, rules);
    return claimsFromPayload(payload as Record<string, unknown>);
  } catch (error) {
    throw refusalOf(error, expected);
  }
}

/** Today's mode: HS256 tokens of issuer `appointment-booking`, signed with the shared secret. */
export function sharedSecretVerifier(key: Uint8Array, rules: TokenRules = defaultTokenRules): TokenVerifier {
  const expected = { algorithms: [sharedSecretAlgorithm], issuer: sharedSecretIssuer };
  return { verify: (token) => verifyToken(token, () => key, expected, rules) };
}

/** The JWKS (fetched, cached and refetched for an unknown kid by jose); a failure to fetch it is a 503, not the token's fault. */
function remoteKeys(url: string, logger = new Logger('TokenKeys')): JWTVerifyGetKey {
  const keySet = createRemoteJWKSet(new URL(url));
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      logger.error(`the JWKS at ${url} could not be used: ${String(error)}`);
      throw new TokenKeysUnavailableException();
    }
  };
}

/** Asymmetric mode: RS256 or ES256 tokens signed by a key of the JWKS, naming the issuer and audience; HS256 and none refused. */
export function jwksVerifier(jwks: JwksSettings, rules: TokenRules = defaultTokenRules): TokenVerifier {
  const keys = remoteKeys(jwks.url);
  const expected = { algorithms: ['RS256', 'ES256'], issuer: jwks.issuer, audience: jwks.audience };
  return { verify: (token) => verifyToken(token, keys, expected, rules) };
}

/** The verifier the settings ask for: JWKS when AUTH_JWKS_URL is set, else the shared secret (AUTH_SECRET or DATA_DIR's key). */
export function tokenVerifier(settings: TokenSettings, dataDir: string): TokenVerifier {
  const rules = settings.rules ?? defaultTokenRules;
  if (settings.jwks) return jwksVerifier(settings.jwks, rules);
  return sharedSecretVerifier(resolveSigningKey({ authSecret: settings.secret, dataDir }), rules);
}
