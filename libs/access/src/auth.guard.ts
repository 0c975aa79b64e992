import { CanActivate, ExecutionContext, Injectable, SetMetadata, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '@app/contracts';
import { AccessClaims, InvalidTokenError, actorFromClaims } from './claims';
import { verifyToken } from './tokens';

export const SIGNING_KEY = Symbol('SIGNING_KEY');
const PUBLIC_ROUTE = 'access:public';

/** Marks a route that needs no token (health checks). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

interface RequestWithActor {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
  claims?: AccessClaims;
}

/** Verifies the bearer JWT on every request and puts the actor on the request; 401 when missing or invalid. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly key: Uint8Array,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <token>)');
    try {
      request.claims = await verifyToken(match[1], this.key);
      request.actor = actorFromClaims(request.claims);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    return true;
  }
}

/** The verified actor of the current request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new UnauthorizedException('no authenticated actor');
  return actor;
});

/** The token's `reason_for_request` claim, when it has one (a purpose of use the caller stated once for the session). */
export const TokenReasonForRequest = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => context.switchToHttp().getRequest<RequestWithActor>().claims?.reason_for_request,
);
