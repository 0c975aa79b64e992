import 'reflect-metadata';
import { DynamicModule, Logger } from '@nestjs/common';
import { tokenVerifier } from '@app/access';
import { Topics } from '@app/contracts';
import { KafkaBus } from '@app/messaging';
import { DistributedConfig, distributedConfig, rateLimitOf, tokenSettingsOf } from './config';
import type { ServiceHealth } from './health.controller';
import { createHttpApp } from './http-app';
import { connectAuditDocuments, distributedAccessAudit } from './audit/access-audit';
import { distributedInfra } from './infra/distributed-infra';
import { closeOnSignals, exitAfterOutput } from './process-lifecycle';
import type { ServiceInfra } from './service-infra';

export interface DistributedService {
  module: DynamicModule;
  health(): Promise<ServiceHealth>;
}

/**
 * Runs one service as its own process (distributed mode): Kafka between services, MongoDB read models, and
 * KurrentDB or SQLite for events. Configuration errors stop the process naming the variable.
 */
export function runDistributedService(
  service: string,
  defaultPort: number,
  build: (infra: ServiceInfra, config: DistributedConfig) => DistributedService,
): void {
  const logger = new Logger(service);
  const start = async () => {
    const config = distributedConfig(process.env, defaultPort);
    const bus = new KafkaBus({ brokers: config.KAFKA_BROKERS, clientId: service, topics: Object.values(Topics) });
    await bus.start();
    const auditDocuments = await connectAuditDocuments(config.MONGODB_URL, config.MONGODB_DATABASE);
    const settings = { dataDir: config.DATA_DIR, mongoUrl: config.MONGODB_URL, mongoDatabasePrefix: config.MONGODB_DATABASE, eventStoreUrl: config.EVENTSTORE_URL };
    const infra = await distributedInfra(service, settings, bus, auditDocuments);
    const built = build(infra, config);
    const app = await createHttpApp({
      modules: [built.module],
      tokens: tokenVerifier(tokenSettingsOf(config), config.DATA_DIR),
      rateLimit: rateLimitOf(config),
      health: { [service]: () => built.health() },
      audit: distributedAccessAudit(service, settings, auditDocuments),
    });
    await app.listen({ port: config.PORT, host: '0.0.0.0' });
    // HTTP first, then the access audit (its records flushed, its store closed), then the service (consumers leave
    // their groups, then schedulers, relay, projections, stores), then the shared audit database and the bus.
    closeOnSignals(async () => {
      await app.close();
      await auditDocuments.close();
      await bus.close();
    }, logger);
    logger.log(`listening on http://localhost:${config.PORT} (Kafka ${config.KAFKA_BROKERS.join(',')}, ${config.EVENTSTORE_URL ? 'KurrentDB' : 'SQLite'} events)`);
  };
  start().catch((error: unknown) => {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    exitAfterOutput(1);
  });
}
