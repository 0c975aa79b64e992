import type { Role } from '../../libs/access/src';
import { ApiClient } from './api-client';
import { TokenOptions, tokenFor } from './tokens';

/** Clients acting as someone: `as('A81001', 'provider-admin', { federations: ['F1'] })`. */
export function actors(api: ApiClient) {
  return (org: string, role: Role = 'booker', options: TokenOptions = {}) => tokenFor(org, role, options).then((token) => api.withToken(token));
}

export interface PublishedSlot {
  id: string;
  organisation: string;
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  status: string;
  [field: string]: unknown;
}

/**
 * Publishes slots as the organisation's `provider-admin` (only that role or `system` may publish) and returns them.
 * `options` are the publisher's token claims: its federations become the slots' host federations.
 */
export async function publishSlots(api: ApiClient, organisation: string, slots: unknown[], options: TokenOptions = {}): Promise<PublishedSlot[]> {
  const admin = api.withToken(await tokenFor(organisation, 'provider-admin', options));
  const response = await admin.post('/slots', { slots });
  if (response.status !== 201) throw new Error(`publishing as ${organisation} provider-admin answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.items;
}

/** `start=…&end=…` around an instant (± `marginMs`), for a slot search. */
export const windowAround = (instant: string, marginMs = 60_000): string =>
  `start=${encodeURIComponent(new Date(Date.parse(instant) - marginMs).toISOString())}&end=${encodeURIComponent(new Date(Date.parse(instant) + marginMs).toISOString())}`;
