import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals, commonConfig, exitAfterOutput, rateLimitOf, tokenSettingsOf } from '@app/service-kit';
import { notificationOptionsFromConfig } from '../../notification-service/src';
import { createPlatform } from './platform';

async function main(): Promise<void> {
  const config = commonConfig(process.env, 3000);
  const platform = await createPlatform({
    dataDir: config.DATA_DIR,
    auth: tokenSettingsOf(config),
    rateLimit: rateLimitOf(config),
    confirmTimeoutMs: config.BOOKING_CONFIRM_TIMEOUT_MS,
    holdTtlSeconds: config.HOLD_TTL_SECONDS,
    holdLimitPerOrg: config.HOLD_LIMIT_PER_ORG,
    bookingDeadlineMs: config.BOOKING_DEADLINE_MS,
    registry: { expiryGraceMs: config.REGISTRY_EXPIRY_GRACE, appointmentsBaseUrl: config.APPOINTMENTS_BASE_URL },
    notifications: notificationOptionsFromConfig(config),
  });
  await platform.app.listen({ port: config.PORT, host: '0.0.0.0' });
  closeOnSignals(platform.close);
  new Logger('Platform').log(`embedded platform listening on http://localhost:${config.PORT} (data in ${config.DATA_DIR})`);
}

main().catch((error: unknown) => {
  new Logger('Platform').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  exitAfterOutput(1);
});
