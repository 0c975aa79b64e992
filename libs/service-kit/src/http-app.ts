import { DynamicModule, LogLevel, Module, OnModuleInit } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthGuard, TokenVerifier, authenticateRequests } from '@app/access';
import { recordAccess } from './access-log';
import type { AccessAudit } from './audit/access-audit';
import { recordAccessDurably } from './audit/access-hook';
import { ACCESS_AUDIT, AuditController } from './audit/audit.controller';
import { fastifyAdapter } from './fastify-adapter';
import { assignCorrelationIds, endConnectionsWhenClosing, refuseNonJsonBodies } from './request-hooks';
import { HEALTH_CHECKS, HealthChecks, HealthController } from './health.controller';
import { apiDescription, serveApiContract } from './openapi/serve-openapi';
import { ProblemFilter } from './problem.filter';
import { RateLimit, limitRequestRates } from './rate-limit';
import { secureResponses } from './secure-responses';
import { strictValidationPipe } from './validation';

@Module({})
class RootModule {}

export interface HttpAppOptions {
  modules: DynamicModule[];
  /** Checks each request's bearer token, once, as it arrives. */
  tokens: TokenVerifier;
  /** Per organisation (by address without a valid token); the default when left out. */
  rateLimit?: RateLimit;
  health: HealthChecks;
  /** Records every request (but /health) before it is answered, and serves /audit/*; closed once HTTP closed. */
  audit: AccessAudit;
  logger?: LogLevel[] | false;
}

/** The access records are complete (caught up with the audit store) before the first request is answered. */
class AuditStart implements OnModuleInit {
  constructor(private readonly audit: AccessAudit) {}
  onModuleInit(): Promise<void> {
    return this.audit.start();
  }
}

/**
 * One HTTP application for one or more services: bearer-token guard, strict validation, problem+json for
 * every error (Nest routes Fastify's own errors, such as malformed JSON, through the same filter).
 */
export async function createHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = fastifyAdapter();
  const fastify = adapter.getInstance();
  await secureResponses(fastify);
  assignCorrelationIds(fastify);
  recordAccessDurably(fastify, options.audit.recorder, options.audit.recordedBy);
  recordAccess(fastify);
  refuseNonJsonBodies(fastify);
  authenticateRequests(fastify, options.tokens);
  await limitRequestRates(fastify, options.rateLimit);
  endConnectionsWhenClosing(fastify);
  // Fastify closes once every request is answered (so recorded): then the audit flushes and closes its store.
  fastify.addHook('onClose', () => options.audit.close());
  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: RootModule,
      imports: options.modules,
      controllers: [HealthController, AuditController],
      providers: [
        { provide: HEALTH_CHECKS, useValue: options.health },
        { provide: ACCESS_AUDIT, useValue: options.audit },
        { provide: AuditStart, useValue: new AuditStart(options.audit) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    },
    adapter,
    { logger: options.logger ?? ['log', 'warn', 'error'], abortOnError: false, bodyParser: false },
  );
  app.useGlobalPipes(strictValidationPipe());
  serveApiContract(app, apiDescription(Object.keys(options.health)));
  return app;
}

