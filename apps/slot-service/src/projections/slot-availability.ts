import type { SlotView } from './slot-view.projection';

export type SlotStatus = 'free' | 'full' | 'withdrawn';

export interface Availability {
  /** Places kept by holds that have not run out at `now`. */
  held: number;
  /** capacity − live reservations − holds in force. */
  remaining: number;
  status: SlotStatus;
}

/** What is left of a slot at `now`: a hold past its `expiresAt` keeps no place, whether or not its expiry is recorded yet. */
export function availabilityAt(view: SlotView, now: Date): Availability {
  const held = view.holds.filter((hold) => Date.parse(hold.expiresAt) > now.getTime()).length;
  const remaining = view.withdrawn ? 0 : Math.max(0, view.capacity - view.booked - held);
  return { held, remaining, status: view.withdrawn ? 'withdrawn' : remaining > 0 ? 'free' : 'full' };
}
