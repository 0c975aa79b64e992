import { Role, sharedSecretVerifier, signToken } from '../../libs/access/src';

export const testSecret = 'end-to-end-test-secret-of-at-least-32-chars';
const testKey = new TextEncoder().encode(testSecret);
/** Checks tokens signed with the test secret, as the platform given AUTH_SECRET=testSecret does. */
export const testTokens = sharedSecretVerifier(testKey);

export interface TokenOptions {
  orgType?: string;
  federations?: string[];
  /** The optional `reason_for_request` claim (why the caller looks at patient data). */
  reasonForRequest?: string;
}

export const tokenFor = (org: string, role: Role = 'booker', options: TokenOptions = {}) =>
  signToken(
    {
      sub: `${org}-${role}`,
      org,
      orgType: options.orgType ?? 'gp-practice',
      federations: options.federations ?? [],
      role,
      ...(options.reasonForRequest ? { reason_for_request: options.reasonForRequest } : {}),
    },
    testKey,
  );
