import { CanActivate, ExecutionContext, Injectable, SetMetadata, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '@app/contracts';
import { ALLOWED_ROLES, RoleNotAllowedException, RoleRule } from './allowed-roles';
import type { AuthenticatedRequest } from './authenticate-requests';
import { InvalidTokenError } from './claims';

const PUBLIC_ROUTE = 'access:public';

/** Marks a route that needs no token (health checks, the API description). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Lets a request through to a route that needs a token only with the actor its token was verified as (by
 * `authenticateRequests`, as the request arrived), and then only in a role the route allows (`@AllowedRoles`).
 * Guards run before pipes: a refused caller's body is never validated.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const { actor, authenticationFailure } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!actor) {
      if (authenticationFailure instanceof InvalidTokenError) throw new UnauthorizedException(authenticationFailure.message);
      throw authenticationFailure ?? new UnauthorizedException('a bearer token is required (Authorization: Bearer <token>)');
    }
    const rule = this.reflector.getAllAndOverride<RoleRule | undefined>(ALLOWED_ROLES, targets);
    if (rule && !rule.roles.includes(actor.role)) throw new RoleNotAllowedException(rule, actor.role);
    return true;
  }
}

/** The verified actor of the current request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthorizedException('no authenticated actor');
  return actor;
});

/** The token's `reason_for_request` claim, when it has one (a purpose of use the caller stated once for the session). */
export const TokenReasonForRequest = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().claims?.reason_for_request,
);
