import { ForbiddenException } from '@nestjs/common';
import type { Actor } from '@app/contracts';

/** Roles that may change things; auditors only read. */
export const mayChange = (actor: Actor): boolean => actor.role !== 'auditor';

/**
 * Who may see or change a booking: the organisation that booked it, the one hosting it, organisations sharing a
 * federation with the booker, auditors (read only, checked separately) and system actors.
 */
export function mayAccessBooking(
  actor: Actor,
  booking: { bookedBy: { organisation: string; federations: string[] }; organisation?: string },
): boolean {
  if (actor.role === 'auditor' || actor.role === 'system') return true;
  if (actor.organisation === booking.bookedBy.organisation || actor.organisation === booking.organisation) return true;
  return actor.federations.some((federation) => booking.bookedBy.federations.includes(federation));
}

/** Auditors read everything and change nothing. */
export function requireChangeRole(actor: Actor): void {
  if (!mayChange(actor)) throw new ForbiddenException(`role ${actor.role} may read but not change`);
}
