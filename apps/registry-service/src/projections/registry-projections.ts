import type { ProjectionFactory } from '@app/service-kit';
import type { RegistryOptions } from '../application/registry-options';
import { AccessLogProjection, accessLogViews } from './access-log.projection';
import { ExpiryDeadlinesProjection, expiryDeadlines } from './expiry-deadlines.projection';
import { RegistryEntryViewProjection, registryEntryViews } from './registry-entry-view.projection';

/** The registry-service's read models; the expiry deadlines depend on the grace period. */
export const registryProjections = (options: Pick<RegistryOptions, 'expiryGraceMs'>): ProjectionFactory[] => [
  (documents) => new RegistryEntryViewProjection(registryEntryViews(documents)),
  (documents) => new ExpiryDeadlinesProjection(expiryDeadlines(documents), options.expiryGraceMs),
  (documents) => new AccessLogProjection(accessLogViews(documents)),
];
