import type { Requester } from '@app/contracts';

/** Who may book a slot besides its own organisation; left out, any organisation may. */
export interface BookableBy {
  organisations?: string[];
  organisationTypes?: string[];
  federations?: string[];
}

export function isBookableBy(slot: { organisation: string; bookableBy?: BookableBy }, requester: Requester): boolean {
  const rule = slot.bookableBy;
  if (!rule || requester.organisation === slot.organisation) return true;
  return (
    (rule.organisations ?? []).includes(requester.organisation) ||
    (rule.organisationTypes ?? []).includes(requester.organisationType) ||
    (rule.federations ?? []).some((federation) => requester.federations.includes(federation))
  );
}
