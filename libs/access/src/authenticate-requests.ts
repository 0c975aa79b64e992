import type { FastifyInstance } from 'fastify';
import type { Actor } from '@app/contracts';
import { AccessClaims, InvalidTokenError, actorFromClaims } from './claims';
import { TokenKeysUnavailableException, TokenVerifier } from './token-verifier';

/** A request once its bearer token was looked at: its verified actor and claims, or why there are none. */
export interface AuthenticatedRequest {
  actor?: Actor;
  claims?: AccessClaims;
  /** The token was given but refused (a 401 for routes that need one), or could not be checked (503). */
  authenticationFailure?: InvalidTokenError | TokenKeysUnavailableException;
}

const bearer = /^Bearer\s+(\S+)$/i;

/**
 * Verifies the bearer token once per request, as it arrives (before the rate limit, keyed by the verified
 * organisation, and before the body is read), and puts the actor on the request. It refuses nothing itself:
 * public routes need no token, and the AuthGuard answers 401 on the others, as a problem like any refusal.
 */
export function authenticateRequests(fastify: FastifyInstance, tokens: TokenVerifier): void {
  fastify.addHook('onRequest', async (request) => {
    const authenticated = request as unknown as AuthenticatedRequest;
    const header = request.headers.authorization;
    if (header === undefined) return;
    const token = bearer.exec(header)?.[1];
    if (token === undefined) {
      authenticated.authenticationFailure = new InvalidTokenError('a bearer token is required (Authorization: Bearer <token>)');
      return;
    }
    try {
      authenticated.claims = await tokens.verify(token);
      authenticated.actor = actorFromClaims(authenticated.claims);
    } catch (error) {
      if (!(error instanceof InvalidTokenError || error instanceof TokenKeysUnavailableException)) throw error;
      authenticated.authenticationFailure = error;
    }
  });
}
