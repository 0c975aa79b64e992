import { compareGlobalPositions } from '@app/eventstore';

/**
 * A stored event a projection or the relay could not read (unknown type, or a version newer than the service
 * knows), recorded so it is visible (health, dead letters) while the reader moves on.
 */
export interface SetAsideEvent {
  service: string;
  /** `projection:<name>` or `relay`. */
  component: string;
  position: string;
  eventId: string;
  type: string;
  version: number;
  reason: string;
  /** When it was set aside (ISO 8601). */
  at: string;
}

/** Set-aside events, durably; recording one twice (a reader re-reading after a restart) keeps one. */
export interface SetAsideStore {
  record(event: SetAsideEvent): Promise<void>;
  /** In store order (by position, then component). */
  list(): Promise<SetAsideEvent[]>;
  count(): Promise<number>;
}

/** Store order: by position, then component. */
export const bySetAsideOrder = (a: SetAsideEvent, b: SetAsideEvent): number =>
  compareGlobalPositions(a.position, b.position) || a.component.localeCompare(b.component);
