import { type CommonConfig, type ProjectionFactory, commonConfig } from '@app/service-kit';
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
