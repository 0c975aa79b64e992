import type { Requester } from './requester';

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

/**
 * Whether a slot is open to the requester at `at`: the owning organisation always; anyone else only when
 * `bookableBy` admits it and the embargo (`visibleFrom`) has passed. Withdrawal is judged separately.
 */
export function isOpenTo(slot: { organisation: string; bookableBy?: BookableBy; visibleFrom?: string }, requester: Requester, at: Date): boolean {
  if (requester.organisation === slot.organisation) return true;
  if (slot.visibleFrom !== undefined && Date.parse(slot.visibleFrom) > at.getTime()) return false;
  return isBookableBy(slot, requester);
}
