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

/** An organisation's ODS code: 3 to 10 capital letters or digits. */
export const odsCode = /^[A-Z0-9]{3,10}$/;
/** Printable text, no control characters (a subject reaches logs and every event's actor). */
const subject = /^[^\p{C}]{1,200}$/u;
const organisationType = /^[a-z0-9-]{1,50}$/;
const federationName = /^[A-Za-z0-9._-]{1,100}$/;
const mostFederations = 50;
const longestReason = 100;

const claimError = (claim: string, rule: string) => new InvalidTokenError(`claim "${claim}" must be ${rule}`);
const matches = (value: unknown, pattern: RegExp): value is string => typeof value === 'string' && pattern.test(value);

function federationsOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > mostFederations || !value.every((item) => matches(item, federationName))) {
    throw claimError('federations', `a list of at most ${mostFederations} names of 1 to 100 letters, digits, '.', '_' or '-'`);
  }
  return value;
}

/** Checks a verified payload carries every claim the platform needs, each of the right shape. */
export function claimsFromPayload(payload: Record<string, unknown>): AccessClaims {
  const { sub, org, orgType, federations, role, reason_for_request: reason } = payload;
  if (!matches(sub, subject) || sub.trim() === '') throw claimError('sub', 'printable text of 1 to 200 characters');
  if (!matches(org, odsCode)) throw claimError('org', 'an ODS code (3 to 10 capital letters or digits)');
  if (!matches(orgType, organisationType)) throw claimError('orgType', "1 to 50 lower-case letters, digits or '-'");
  const memberOf = federationsOf(federations);
  if (typeof role !== 'string' || !(Roles as readonly string[]).includes(role)) throw claimError('role', `one of ${Roles.join(', ')}`);
  if (reason !== undefined && (typeof reason !== 'string' || reason.trim() === '' || reason.length > longestReason)) {
    throw claimError('reason_for_request', `text of 1 to ${longestReason} characters`);
  }
  return { sub, org, orgType, federations: memberOf, role: role as Role, ...(reason !== undefined ? { reason_for_request: reason } : {}) };
}

export const actorFromClaims = (claims: AccessClaims): Actor => ({
  organisation: claims.org,
  organisationType: claims.orgType,
  user: claims.sub,
  role: claims.role,
  federations: claims.federations,
});
