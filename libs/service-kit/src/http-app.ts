import { DynamicModule, LogLevel, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthGuard } from '@app/access';
import { HEALTH_CHECKS, HealthChecks, HealthController } from './health.controller';
import { problemContentType, problemType } from './problem';
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
 * every error (including the ones Fastify raises before Nest sees the request, such as malformed JSON).
 */
export async function createHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024 });
  adapter.getInstance().setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    void reply
      .status(status)
      .header('content-type', problemContentType)
      .send({
        type: problemType(status === 500 ? 'internal-error' : 'malformed-request'),
        title: status === 500 ? 'Internal error' : 'Malformed request',
        status,
        detail: status === 500 ? 'an unexpected error occurred; it has been logged' : error.message,
        instance: request.url,
      });
  });
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

