import type { EventTypeDeclaration } from '@app/eventstore';
import { type CommonConfig, type ProjectionFactory, commonConfig } from '@app/service-kit';
import { bookingEventTypes } from '../../../booking-service/src/domain/booking-event-types';
import { notificationEventTypes } from '../../../notification-service/src/domain/notification-event-types';
import { registryEventTypes } from '../../../registry-service/src/domain/registry-event-types';
import { slotEventTypes } from '../../../slot-service/src/domain/slot-event-types';
import { bookingProjections } from '../../../booking-service/src/projections/booking-projections';
import { notificationOptions } from '../../../notification-service/src/application/notification-options';
import { notificationOptionsFromConfig } from '../../../notification-service/src/application/notification-settings';
import { notificationProjections } from '../../../notification-service/src/projections/notification-projections';
import { registryProjections } from '../../../registry-service/src/projections/registry-projections';
import { slotProjections } from '../../../slot-service/src/projections/slot-projections';
import type { ServiceName } from '../service-stores';

/** A service's projections as the service builds them, with the settings it reads from the same environment. */
export function serviceProjections(service: ServiceName, env: NodeJS.ProcessEnv = process.env): ProjectionFactory[] {
  const config: CommonConfig = commonConfig(env, 0);
  switch (service) {
    case 'slot-service':
      return slotProjections();
    case 'booking-service':
      return bookingProjections();
    case 'registry-service':
      return registryProjections({ expiryGraceMs: config.REGISTRY_EXPIRY_GRACE });
    case 'notification-service':
      return notificationProjections(notificationOptions(notificationOptionsFromConfig(config)));
  }
}

/** The event types a service reads (its projections see events upcast to these versions, as in the service). */
export const serviceEventTypes: Record<ServiceName, EventTypeDeclaration> = {
  'slot-service': slotEventTypes,
  'booking-service': bookingEventTypes,
  'registry-service': registryEventTypes,
  'notification-service': notificationEventTypes,
};
