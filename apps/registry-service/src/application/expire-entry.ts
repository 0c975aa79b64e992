import { systemActor } from '@app/contracts';
import { CommandContext, deterministicId } from '@app/eventstore';
import type { ExpiryDeadline } from '../projections/expiry-deadlines.projection';
import type { RegistryParts } from './registry-parts';
import { registryEntryStream } from './registry-streams';

/**
 * An entry still booked past its end plus the grace period expires. May fire twice, or after a restart: the
 * command id derives from the entry and the end it was due for, so a second firing changes nothing.
 */
export async function expireEntry(parts: RegistryParts, deadline: ExpiryDeadline, now: Date): Promise<void> {
  const context: CommandContext = {
    commandId: deterministicId('expire', deadline.entryId, deadline.end),
    correlationId: deadline.correlationId,
    causationId: deadline.causationId,
    actor: systemActor('registry-service'),
    now,
  };
  await parts.entries.handle(registryEntryStream(deadline.entryId), { type: 'ExpireEntry', end: deadline.end, at: now }, context);
}
