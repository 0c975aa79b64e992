import type { Actor } from '@app/contracts';

export const Roles = ['booker', 'clinician', 'provider-admin', 'auditor', 'system'] as const;
export type Role = (typeof Roles)[number];

/** The JWT claims the platform reads; `org` is an ODS code. */
export interface AccessClaims {
  sub: string;
  org: string;
  orgType: string;
  federations: string[];
  role: Role;
  /** Why the holder looks at patient data (a purpose of use, for the registry's access log); optional. */
  reason_for_request?: string;
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Checks a verified payload carries every claim the platform needs, each of the right type. */
export function claimsFromPayload(payload: Record<string, unknown>): AccessClaims {
  const { sub, org, orgType, federations = [], role, reason_for_request: reason } = payload;
  if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('claim "sub" must be a non-empty string');
  if (typeof org !== 'string' || org === '') throw new InvalidTokenError('claim "org" must be an ODS code');
  if (typeof orgType !== 'string' || orgType === '') throw new InvalidTokenError('claim "orgType" must be a non-empty string');
  if (!isStringArray(federations)) throw new InvalidTokenError('claim "federations" must be an array of strings');
  if (typeof role !== 'string' || !(Roles as readonly string[]).includes(role)) {
    throw new InvalidTokenError(`claim "role" must be one of ${Roles.join(', ')}`);
  }
  if (reason !== undefined && (typeof reason !== 'string' || reason.trim() === '' || reason.length > 100)) {
    throw new InvalidTokenError('claim "reason_for_request" must be text of 1 to 100 characters');
  }
  return { sub, org, orgType, federations, role: role as Role, ...(reason !== undefined ? { reason_for_request: reason } : {}) };
}

export const actorFromClaims = (claims: AccessClaims): Actor => ({
  organisation: claims.org,
  organisationType: claims.orgType,
  user: claims.sub,
  role: claims.role,
  federations: claims.federations,
});
