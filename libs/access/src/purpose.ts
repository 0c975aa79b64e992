/**
 * Why a request is made (its purpose of use): the X-Request-Purpose header, else the token's
 * `reason_for_request`, else `direct-care`. Known purposes, or free text of up to 100 characters.
 */
export const knownPurposes = ['direct-care', 'urgent-care-reassessment', 'safeguarding', 'care-coordination', 'administration', 'audit'] as const;
export const defaultPurpose = 'direct-care';
export const longestPurpose = 100;

/** The purpose as recorded: never longer than `longestPurpose` (a longer header is refused where it matters, but still recorded). */
export const purposeOfRequest = (header: string | undefined, tokenReason: string | undefined): string =>
  (header?.trim() || tokenReason || defaultPurpose).slice(0, longestPurpose);
