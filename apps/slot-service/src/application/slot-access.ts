import type { Actor, Requester } from '@app/contracts';
import { isOpenTo } from '../domain/bookable-by';
import type { BookableBy } from '../domain/bookable-by';

export const requesterOf = (actor: Actor): Requester => ({
  organisation: actor.organisation,
  organisationType: actor.organisationType,
  federations: actor.federations,
});

interface SlotAccessFacts {
  organisation: string;
  bookableBy?: BookableBy;
  visibleFrom?: string;
  withdrawn: boolean;
}

/**
 * Whether the caller may see a slot at all: the owning organisation always (withdrawn ones too); system actors
 * and auditors everything; anyone else only a slot it may book and past its embargo. Anything else is answered
 * as missing, so looking reveals no more than searching.
 */
export function maySee(slot: SlotAccessFacts, actor: Actor, now: Date): boolean {
  if (actor.role === 'system' || actor.role === 'auditor' || actor.organisation === slot.organisation) return true;
  return !slot.withdrawn && isOpenTo(slot, requesterOf(actor), now);
}

/** Roles that publish and withdraw slots. */
export const slotManagerRoles = ['provider-admin', 'system'];

/** Publishing and withdrawing: a provider-admin of the slot's organisation, or a system actor for any. */
export const mayManage = (organisation: string, actor: Actor): boolean =>
  actor.role === 'system' || (actor.role === 'provider-admin' && actor.organisation === organisation);

/** Holding a place is a booking step: any role that books (auditors only read). */
export const mayHold = (actor: Actor): boolean => actor.role !== 'auditor';
