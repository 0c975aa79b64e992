import { DynamicModule, LogLevel, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthGuard } from '@app/access';
import { recordAccess } from './access-log';
import { assignCorrelationIds, endConnectionsWhenClosing, refuseNonJsonBodies } from './request-hooks';
import { HEALTH_CHECKS, HealthChecks, HealthController } from './health.controller';
import { ProblemFilter } from './problem.filter';
import { strictValidationPipe } from './validation';

@Module({})
class RootModule {}

export interface HttpAppOptions {
  modules: DynamicModule[];
  signingKey: Uint8Array;
  health: HealthChecks;
  logger?: LogLevel[] | false;
}

/**
 * One HTTP application for one or more services: bearer-token guard, strict validation, problem+json for
 * every error (Nest routes Fastify's own errors, such as malformed JSON, through the same filter).
 */
export async function createHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024 });
  const fastify = adapter.getInstance();
  assignCorrelationIds(fastify);
  recordAccess(fastify);
  refuseNonJsonBodies(fastify);
  endConnectionsWhenClosing(fastify);
  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: RootModule,
      imports: options.modules,
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_CHECKS, useValue: options.health },
        { provide: APP_GUARD, useFactory: (reflector: Reflector) => new AuthGuard(reflector, options.signingKey), inject: [Reflector] },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    },
    adapter,
    { logger: options.logger ?? ['log', 'warn', 'error'], abortOnError: false },
  );
  app.useGlobalPipes(strictValidationPipe());
  return app;
}

