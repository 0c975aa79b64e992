import { ForbiddenException, SetMetadata } from '@nestjs/common';

export const ALLOWED_ROLES = 'access:allowed-roles';

/** Who may call a route at all, and the 403 everyone else gets (its problem code, and what the roles may do). */
export interface RoleRule {
  roles: readonly string[];
  code: string;
  /** `publish slots`: the refusal reads `only provider-admin or system may publish slots, not booker`. */
  action: string;
}

/**
 * The roles that may call this route. The AuthGuard checks them before any pipe reads the body, so a caller who may
 * not do this at all is refused at once, whatever it sent. Finer rules (own organisation, who may see what) stay in
 * the application.
 */
export const AllowedRoles = (roles: readonly string[], refusal: { code: string; action: string }) =>
  SetMetadata(ALLOWED_ROLES, { roles, ...refusal } satisfies RoleRule);

const inWords = (roles: readonly string[]): string => (roles.length === 1 ? roles[0] : `${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]}`);

/** 403 with the route's code, as the application's own refusals have. */
export class RoleNotAllowedException extends ForbiddenException {
  readonly code: string;
  constructor(rule: RoleRule, role: string) {
    super(`only ${inWords(rule.roles)} may ${rule.action}, not ${role}`);
    this.code = rule.code;
  }
}
